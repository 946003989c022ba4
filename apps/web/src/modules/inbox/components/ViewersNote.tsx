import type { PresenceUser } from '../hooks/usePresence';

/** Who else has this mention open right now. */
export function ViewersNote({ users, mentionId, me }: { users: PresenceUser[]; mentionId: string; me: string }) {
  const others = users.filter((u) => u.viewing === mentionId && u.user.id !== me).map((u) => u.user.name);
  if (others.length === 0) return null;
  const names = others.length === 1 ? others[0] : `${others.slice(0, -1).join(', ')} and ${others[others.length - 1]}`;
  return (
    <p className="viewers" role="status">
      {names} {others.length === 1 ? 'is' : 'are'} also viewing
    </p>
  );
}
