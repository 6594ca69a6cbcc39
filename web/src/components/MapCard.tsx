/**
 * A card over the map that folds to its header: the layer legend and the survey layers panel.
 * Open on wide screens; on a phone it would cover a third of the map, so it starts folded.
 */
import { useState, type ReactNode } from 'react';
import { Icon, type IconName } from './Icon.tsx';

export interface MapCardProps {
  readonly title: string;
  /** The header button's tooltip. */
  readonly toggleTitle: string;
  readonly icon: IconName;
  readonly className?: string;
  readonly testId: string;
  readonly children: ReactNode;
}

export function MapCard({ title, toggleTitle, icon, className, testId, children }: MapCardProps): ReactNode {
  const [open, setOpen] = useState(() => !window.matchMedia('(max-width: 560px)').matches);
  return (
    <aside
      className={`legend card ${className ?? ''} ${open ? 'legend--open' : ''}`}
      aria-label={title}
      data-testid={testId}
    >
      <button
        type="button"
        className="legend__header"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        title={toggleTitle}
      >
        <Icon name={icon} size={18} strokeWidth={1.8} />
        <span>{title}</span>
        <span className="legend__chevron" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && <div className="legend__body">{children}</div>}
    </aside>
  );
}
