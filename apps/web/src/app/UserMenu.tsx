import { useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../modules/auth/hooks/useAuth';
import { useSession } from '../modules/auth/hooks/useSession';
import { Icon } from '../shared/ui/Icon';
import { ROLE_LABELS } from '../modules/auth/role-labels';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return (
    letters
      .map((part) => Array.from(part ?? '')[0] ?? '')
      .join('')
      .toUpperCase() || '?'
  );
}

/** The signed-in user's name and role, with "Profile" and "Sign out". A disclosure, closed by Escape or a click elsewhere. */
export function UserMenu() {
  const { user } = useSession();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: PointerEvent) {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    }
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  async function signOut() {
    setSigningOut(true);
    await logout(); // closes this page's sockets before ending the session
    void navigate('/login', { replace: true });
  }

  return (
    <div className="user-menu" ref={containerRef}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="visually-hidden">Account: </span>
        <span className="avatar" aria-hidden="true">
          {initials(user.name)}
        </span>
        <span className="user-menu__who">
          <span className="user-menu__name">{user.name}</span>
          <span className="user-menu__role">{ROLE_LABELS[user.role]}</span>
        </span>
        <Icon name="chevron" size={16} />
      </button>
      <div className="user-menu__panel" id={panelId} hidden={!open}>
        <div className="user-menu__identity">
          <p className="user-menu__panel-name">{user.name}</p>
          <p className="user-menu__panel-email">{user.email}</p>
          <p className="user-menu__panel-role">
            Role: <strong>{ROLE_LABELS[user.role]}</strong>
          </p>
        </div>
        <Link className="user-menu__action" to="/profile" onClick={() => setOpen(false)}>
          Profile
        </Link>
        <button type="button" className="user-menu__action" onClick={() => void signOut()} disabled={signingOut}>
          {signingOut ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
    </div>
  );
}
