/**
 * An in-app link: a real <a href> (so it can be opened in a new tab) that navigates without a page
 * load on a plain click.
 */
import type { MouseEvent, ReactNode } from 'react';
import { navigate, routeHref, type Route } from '../app/router.ts';

export interface LinkProps {
  readonly to: Route;
  readonly className?: string;
  readonly children: ReactNode;
  readonly current?: boolean;
  readonly title?: string;
  readonly testId?: string;
  readonly onNavigate?: () => void;
}

export function Link({ to, className, children, current, title, testId, onNavigate }: LinkProps): ReactNode {
  const onClick = (event: MouseEvent<HTMLAnchorElement>): void => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onNavigate?.();
    navigate(to);
  };
  return (
    <a
      href={routeHref(to)}
      className={className}
      aria-current={current ? 'page' : undefined}
      title={title}
      data-testid={testId}
      onClick={onClick}
    >
      {children}
    </a>
  );
}
