// A small drop-down (a <details> element): keeps toolbars on one line. Closes on a click
// outside or Escape.

import { useEffect, useRef, type ReactNode } from 'react';

export function MenuButton({ label, children, className, title }: { label: ReactNode; children: ReactNode; className?: string; title?: string }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (e: MouseEvent) => {
      if (ref.current?.open && !ref.current.contains(e.target as Node)) ref.current.open = false;
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, []);
  return (
    <details
      ref={ref}
      className={`menu ${className ?? ''}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && ref.current) {
          ref.current.open = false;
          ref.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary title={title}>{label}</summary>
      <div
        className="menu-pop"
        onClick={(e) => {
          // A chosen action closes the menu; checkboxes keep it open for more choices.
          if ((e.target as HTMLElement).closest('button') && ref.current) ref.current.open = false;
        }}
      >
        {children}
      </div>
    </details>
  );
}
