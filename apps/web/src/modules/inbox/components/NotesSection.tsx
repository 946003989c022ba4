import { useState } from 'react';
import type { MentionNote } from '@earshot/contracts';
import { AddNoteForm } from './AddNoteForm';
import { RelativeTime } from '../../../shared/ui/RelativeTime';

interface NotesSectionProps {
  notes: MentionNote[];
  canAdd: boolean;
  now: Date;
  timeZone: string;
  onAdd(body: string): Promise<MentionNote>;
}

/** Internal notes (never posted), oldest first, and a form to add one. */
export function NotesSection({ notes, canAdd, now, timeZone, onAdd }: NotesSectionProps) {
  // A fresh form after each note (the submit state ends busy on success).
  const [formKey, setFormKey] = useState(0);

  return (
    <section className="notes" aria-label="Internal notes">
      {notes.length ? (
        <ul className="notes__list">
          {notes.map((note) => (
            <li key={note.id} className="notes__note">
              <p className="notes__meta">
                {note.author.name} · <RelativeTime iso={note.createdAt} now={now} timeZone={timeZone} past />
              </p>
              <p className="notes__body">{note.body}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No notes yet.</p>
      )}
      {canAdd ? <AddNoteForm key={formKey} onAdd={onAdd} onAdded={() => setFormKey((k) => k + 1)} /> : null}
    </section>
  );
}
