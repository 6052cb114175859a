// Empty, loading and error states. Each says what happened and what to do next.

import type { ReactNode } from 'react';

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="state center" role="status">
      <h2>{title}</h2>
      {children && <p>{children}</p>}
      {action}
    </div>
  );
}

export function ErrorBanner({ error, onRetry, hint }: { error: string; onRetry?: () => void; hint?: ReactNode }) {
  return (
    <div className="error-banner" role="alert">
      <strong>Error</strong>
      <div className="stack" style={{ gap: 4 }}>
        <p>{error}</p>
        {hint && <p className="muted">{hint}</p>}
      </div>
      {onRetry && (
        <button type="button" className="small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function LoadingBar({ active }: { active: boolean }) {
  return <div className={`loading-bar${active ? ' active' : ''}`} aria-hidden="true" />;
}
