import { Fragment, useId, useState } from 'react';
import type { Brand, CreateListeningQueryRequest, ListeningQuery, UpdateBrandRequest, UpdateListeningQueryRequest } from '@earshot/contracts';
import { Badge } from '../../../shared/ui/Badge';
import { Button } from '../../../shared/ui/Button';
import { ConfirmAction } from '../../../shared/ui/ConfirmAction';
import { BRAND_KIND_LABELS } from '../brand-kinds';
import { BrandForm } from './BrandForm';
import { QueryForm } from './QueryForm';
import { QueryRow } from './QueryRow';

export interface Feedback {
  tone: 'success' | 'error';
  text: string;
}

interface BrandSectionProps {
  brand: Brand;
  queries: ListeningQuery[];
  canEdit: boolean;
  onFeedback(feedback: Feedback | null): void;
  /** Runs a change, reports how it went, and says whether it worked. */
  run(work: () => Promise<unknown>, done: string, failed: string): Promise<boolean>;
  updateBrand(id: string, change: UpdateBrandRequest): Promise<Brand>;
  deleteBrand(id: string): Promise<void>;
  createQuery(request: CreateListeningQueryRequest): Promise<ListeningQuery>;
  updateQuery(id: string, change: UpdateListeningQueryRequest): Promise<ListeningQuery>;
  deleteQuery(id: string): Promise<void>;
}

type Open = { what: 'edit-brand' } | { what: 'delete-brand' } | { what: 'add-query' } | { what: 'edit-query' | 'delete-query'; id: string } | null;

function queryCount(n: number): string {
  return n === 1 ? '1 listening query' : `${n} listening queries`;
}

/** One brand: its kind and handles, and the listening queries that find its mentions. */
export function BrandSection({ brand, queries, canEdit, onFeedback, run, updateBrand, deleteBrand, createQuery, updateQuery, deleteQuery }: BrandSectionProps) {
  const headingId = useId();
  const [open, setOpen] = useState<Open>(null);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());

  async function track(id: string, work: () => Promise<boolean>): Promise<boolean> {
    setBusy((ids) => new Set(ids).add(id));
    try {
      return await work();
    } finally {
      setBusy((ids) => {
        const next = new Set(ids);
        next.delete(id);
        return next;
      });
    }
  }

  function openPanel(next: Open) {
    onFeedback(null);
    setOpen(next);
  }

  const queryForm = (existing?: ListeningQuery) => (
    <QueryForm
      brand={brand}
      {...(existing ? { existing } : {})}
      onCreate={createQuery}
      onUpdate={updateQuery}
      onDone={(saved) => {
        setOpen(null);
        if (saved)
          onFeedback({ tone: 'success', text: existing ? `The query “${saved.name}” was saved.` : `The query “${saved.name}” was added to ${brand.name}.` });
      }}
    />
  );

  return (
    <article className="brand-card" aria-labelledby={headingId}>
      <header className="brand-card__header">
        <div className="brand-card__identity">
          <h3 className="brand-card__name" id={headingId}>
            {brand.name}
          </h3>
          <Badge tone={brand.kind === 'own' ? 'accent' : 'neutral'}>{BRAND_KIND_LABELS[brand.kind]}</Badge>
        </div>
        {canEdit && open?.what !== 'edit-brand' && open?.what !== 'delete-brand' ? (
          <div className="row-actions">
            <Button size="sm" variant="ghost" onClick={() => openPanel({ what: 'edit-brand' })}>
              Edit<span className="visually-hidden"> brand {brand.name}</span>
            </Button>
            <Button size="sm" variant="danger" onClick={() => openPanel({ what: 'delete-brand' })}>
              Delete<span className="visually-hidden"> brand {brand.name}</span>
            </Button>
          </div>
        ) : null}
      </header>

      {brand.handles.length > 0 ? (
        <ul className="chips" aria-label={`Handles of ${brand.name}`}>
          {brand.handles.map((handle) => (
            <li key={handle} className="chip">
              @{handle}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted brand-card__no-handles">No handles</p>
      )}

      {open?.what === 'edit-brand' ? (
        <BrandForm
          existing={brand}
          onUpdate={updateBrand}
          onDone={(saved) => {
            setOpen(null);
            if (saved) onFeedback({ tone: 'success', text: `${saved.name} was saved.` });
          }}
        />
      ) : null}
      {open?.what === 'delete-brand' ? (
        <ConfirmAction
          title={`Delete the brand “${brand.name}”?`}
          confirmLabel="Delete brand"
          busy={busy.has(brand.id)}
          onCancel={() => setOpen(null)}
          onConfirm={() => void track(brand.id, () => run(() => deleteBrand(brand.id), `${brand.name} was deleted.`, `Couldn't delete ${brand.name}`))}
        >
          <p>
            {queries.length > 0
              ? `Its ${queryCount(queries.length)} ${queries.length === 1 ? 'is' : 'are'} deleted too, so no new mentions are matched to it.`
              : 'It has no listening queries.'}{' '}
            Mentions already collected stay.
          </p>
        </ConfirmAction>
      ) : null}

      {queries.length > 0 ? (
        <div className="table-wrap table-wrap--flat">
          <table className="table queries-table">
            <caption className="visually-hidden">Listening queries of {brand.name}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Query</th>
                <th scope="col">Topic</th>
                <th scope="col">Enabled</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {queries.map((query) => {
                const rowOpen = open !== null && 'id' in open && open.id === query.id ? open.what : null;
                return (
                  <Fragment key={query.id}>
                    <QueryRow
                      query={query}
                      canEdit={canEdit}
                      busy={busy.has(query.id)}
                      open={rowOpen !== null}
                      onToggle={(q, enabled) =>
                        void track(q.id, () =>
                          run(
                            () => updateQuery(q.id, { enabled }),
                            enabled ? `The query “${q.name}” is on.` : `The query “${q.name}” is off: it matches no new mentions.`,
                            `Couldn't turn ${enabled ? 'on' : 'off'} the query “${q.name}”`,
                          ),
                        )
                      }
                      onEdit={(q) => openPanel({ what: 'edit-query', id: q.id })}
                      onDelete={(q) => openPanel({ what: 'delete-query', id: q.id })}
                    />
                    {rowOpen ? (
                      <tr className="row--form">
                        <td colSpan={5}>
                          {rowOpen === 'edit-query' ? (
                            queryForm(query)
                          ) : (
                            <ConfirmAction
                              title={`Delete the query “${query.name}”?`}
                              confirmLabel="Delete query"
                              busy={busy.has(query.id)}
                              onCancel={() => setOpen(null)}
                              onConfirm={() =>
                                void track(query.id, () =>
                                  run(() => deleteQuery(query.id), `The query “${query.name}” was deleted.`, `Couldn't delete the query “${query.name}”`),
                                ).then((ok) => {
                                  if (ok) setOpen(null);
                                })
                              }
                            >
                              <p>New mentions are no longer matched by it. Mentions already collected stay.</p>
                            </ConfirmAction>
                          )}
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="brand-card__empty">No listening queries yet{canEdit ? ': add one to start matching mentions to this brand.' : '.'}</p>
      )}

      {open?.what === 'add-query' ? <div className="brand-card__add">{queryForm()}</div> : null}
      {canEdit && open?.what !== 'add-query' ? (
        <div>
          <Button size="sm" onClick={() => openPanel({ what: 'add-query' })}>
            Add query<span className="visually-hidden"> to {brand.name}</span>
          </Button>
        </div>
      ) : null}
    </article>
  );
}
