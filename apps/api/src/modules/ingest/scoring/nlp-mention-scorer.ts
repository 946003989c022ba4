import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Inject, Injectable, Logger, Optional, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { PhraseRule, WorkspaceModelData } from '@earshot/nlp';
import type { MentionScore, MentionScorer, ScoreInput } from './mention-scorer.js';
import { cachedAnalyzer, PROFILE_CACHE_SIZE, scoreWithNlp } from './nlp-score.js';
import { SCORING_PROFILES, type ScoringProfile, type ScoringProfileSource } from './scoring-profile.js';

/** The worker script, next to this file once built (absent under ts-jest, which then scores in-process). */
const WORKER_FILE = fileURLToPath(new URL('./scorer.worker.js', import.meta.url));

type Reply = { id: number; scores: MentionScore[] } | { id: number; error: string };

/**
 * A page for the worker. `profile`: the workspace's model and rules the first time this worker
 * sees the key, then the key alone; `evict`: a key the worker may forget (the main thread keeps
 * the list, FIFO, PROFILE_CACHE_SIZE long). No profile: the shipped analyzer.
 */
export interface ScorerRequest {
  id: number;
  items: ScoreInput[];
  profile?: { key: string; model?: WorkspaceModelData | null; rules?: PhraseRule[] };
  evict?: string;
}

/**
 * Scores pages on a worker thread, so the event loop stays free for the database and the
 * platforms while a page is scored (a page of 100 takes ~10 ms of CPU): on two cores the
 * scoring overlaps the api's own work instead of pausing it. Same code, same results as
 * in-process (`scoreWithNlp`); if the worker cannot start or dies, pages are scored
 * in-process until a new worker is up.
 */
@Injectable()
export class NlpMentionScorer implements MentionScorer, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('NlpMentionScorer');
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (s: MentionScore[]) => void; reject: (e: Error) => void }>();
  private closed = false;
  /** Profile keys the current worker holds an analyzer for, oldest first (reset with each new worker). */
  private sent: string[] = [];

  constructor(@Optional() @Inject(SCORING_PROFILES) private readonly profiles?: ScoringProfileSource) {}

  onModuleInit(): void {
    this.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  /**
   * Scores a page; with `workspaceId`, with that workspace's active model and phrase rules (see
   * ScoringProfile). A workspace with neither takes the same path as before, at the same cost.
   */
  scoreBatch(items: ScoreInput[], workspaceId?: string): Promise<MentionScore[]> | MentionScore[] {
    if (items.length === 0) return [];
    const found = workspaceId && this.profiles ? this.profiles.forWorkspace(workspaceId) : null;
    if (found instanceof Promise) return found.then((p) => this.score(items, p));
    return this.score(items, found);
  }

  private score(items: ScoreInput[], profile: ScoringProfile | null): Promise<MentionScore[]> | MentionScore[] {
    const w = this.worker ?? this.start();
    if (!w) return scoreWithNlp(items, cachedAnalyzer(profile));
    const id = this.nextId++;
    const msg: ScorerRequest = { id, items };
    if (profile) {
      if (this.sent.includes(profile.key)) msg.profile = { key: profile.key };
      else {
        msg.profile = { key: profile.key, model: profile.model, rules: profile.rules };
        this.sent.push(profile.key);
        if (this.sent.length > PROFILE_CACHE_SIZE) msg.evict = this.sent.shift();
      }
    }
    return new Promise<MentionScore[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.postMessage(msg);
    }).catch((e: unknown) => {
      this.logger.warn(`scorer worker failed (${String(e)}); scoring this page in-process`);
      return scoreWithNlp(items, cachedAnalyzer(profile));
    });
  }

  private start(): Worker | null {
    if (this.closed || this.worker || !existsSync(WORKER_FILE)) return this.worker;
    // Tokenising a page allocates a lot of short-lived objects: a larger young generation means
    // far fewer scavenges (measured: ~20 us less CPU per mention in the ingest bench).
    const w = new Worker(WORKER_FILE, { resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    w.unref(); // never keeps the process alive
    w.on('message', (r: Reply) => {
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      if ('error' in r) p.reject(new Error(r.error));
      else p.resolve(r.scores);
    });
    const fail = (e: unknown) => {
      if (this.worker !== w) return;
      this.worker = null;
      this.sent = [];
      for (const p of this.pending.values()) p.reject(e instanceof Error ? e : new Error(String(e)));
      this.pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`exited with code ${code}`)));
    this.worker = w;
    return w;
  }
}
