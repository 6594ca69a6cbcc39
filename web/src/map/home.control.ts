/**
 * A map control with one button that fits the view back to Mongolia (the fitting is the caller's).
 */
import type { IControl } from 'maplibre-gl';

const ICON =
  '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" ' +
  'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>';

export class HomeControl implements IControl {
  private container: HTMLDivElement | null = null;
  private button: HTMLButtonElement | null = null;

  constructor(
    private readonly fit: () => void,
    private title: string,
  ) {}

  onAdd(): HTMLElement {
    const container = document.createElement('div');
    container.className = 'maplibregl-ctrl maplibregl-ctrl-group';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'belcheer-home-button';
    button.innerHTML = ICON;
    button.addEventListener('click', () => this.fit());
    container.append(button);
    this.container = container;
    this.button = button;
    this.setTitle(this.title);
    return container;
  }

  onRemove(): void {
    this.container?.remove();
    this.container = null;
    this.button = null;
  }

  setTitle(title: string): void {
    this.title = title;
    if (this.button) {
      this.button.title = title;
      this.button.setAttribute('aria-label', title);
    }
  }
}
