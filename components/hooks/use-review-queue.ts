"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { api, qs } from "@/lib/client/fetch";
import type { PairChanges, QueueQuery } from "@/lib/pairs/schemas";
import type { PairDetail, PairWriteResult } from "@/lib/pairs/types";
import { toast } from "@/components/ui/toast";
import { conflictOf, usePairWrite } from "./use-pair-write";

export type Decision = "accepted" | "rejected" | "flagged";
export interface Notice { tone: "error" | "info"; text: string }
interface UndoEntry { kind: "decision" | "skip" | "edit"; label: string; pair: PairDetail; result: Promise<PairWriteResult | null> }
export type EditOutcome = { ok: true } | { conflict: PairDetail } | { error: string };

/** Pairs fetched ahead, so the next one is on screen the moment a key is pressed. */
const PREFETCH = 5;
const REFILL_BELOW = 3;
const UNDO_DEPTH = 10;
const VERB: Record<Decision, string> = { accepted: "accept", rejected: "reject", flagged: "flag" };
const DONE: Record<Decision, string> = { accepted: "Accepted", rejected: "Rejected", flagged: "Flagged" };
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The focus view's state: a buffer of prefetched pending pairs (keyset cursor, so skipping is free), optimistic
 * decisions that come back with a message when the server refuses them, and an undo stack of the last ten
 * actions, each undone through the server's history (the `eventId` of the write).
 */
export function useReviewQueue(filter: Omit<QueueQuery, "after" | "limit">) {
  const { patch, undo } = usePairWrite();
  const [buffer, setBuffer] = useState<PairDetail[]>([]);
  const [loading, setLoading] = useState(true);
  const [exhausted, setExhausted] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [stack, setStack] = useState<UndoEntry[]>([]);
  const [decided, setDecided] = useState(0);
  const cursor = useRef<string | undefined>(undefined);
  const generation = useRef(0);
  const fetching = useRef<number | null>(null);
  // A pair put back by undo is re-synced with the server; a new decision on it waits for that version.
  const syncing = useRef(new Map<number, Promise<PairDetail | null>>());
  const filterKey = JSON.stringify(filter);
  // Every notice gets a number: a late "undone" from the server must not replace a newer message. Errors always show.
  const noticeSeq = useRef(0);
  const say = useCallback((n: Notice | null) => { noticeSeq.current++; setNotice(n); }, []);

  const reset = useCallback(() => {
    generation.current++;
    cursor.current = undefined;
    setBuffer([]); setExhausted(false); setLoading(true); setStack([]); setError(null);
  }, []);
  useEffect(reset, [filterKey, reset]);
  // Leaving the page (or closing the tab) gives the leased pairs on screen back to the queue at once, instead of when
  // their leases expire (lib/review-team/claim.ts); keepalive lets the request outlive the page.
  const held = useRef<number[]>([]);
  held.current = buffer.map((p) => p.id);
  useEffect(() => {
    const release = () => {
      if (!held.current.length) return;
      void fetch("/api/review/release", { method: "POST", keepalive: true, headers: { "content-type": "application/json" },
        body: JSON.stringify({ pairIds: held.current.slice(0, 100) }) }).catch(() => {});
      held.current = [];
    };
    window.addEventListener("pagehide", release);
    return () => { window.removeEventListener("pagehide", release); release(); };
  }, [filterKey]);

  const refill = useCallback(async () => {
    const gen = generation.current;
    if (fetching.current === gen) return;
    fetching.current = gen;
    try {
      const r = await api<{ items: PairDetail[]; next: string | null }>(`/api/pairs/next${qs({ ...JSON.parse(filterKey), after: cursor.current, limit: PREFETCH })}`);
      if (gen !== generation.current) return;
      cursor.current = r.next ?? cursor.current;
      setBuffer((b) => [...b, ...r.items.filter((p) => !b.some((x) => x.id === p.id))]);
      setExhausted(r.items.length < PREFETCH);
      setError(null);
    } catch (err) {
      if (gen === generation.current) setError(err);
    } finally {
      if (fetching.current === gen) fetching.current = null;
      if (gen === generation.current) setLoading(false);
    }
  }, [filterKey]);
  useEffect(() => {
    if (!exhausted && !error && buffer.length < REFILL_BELOW) void refill();
  }, [buffer.length, exhausted, error, refill]);

  const putFront = (p: PairDetail) => setBuffer((b) => [p, ...b.filter((x) => x.id !== p.id)]);
  const replace = (p: PairDetail) => setBuffer((b) => b.map((x) => (x.id === p.id ? p : x)));
  const push = (e: UndoEntry) => setStack((s) => [...s, e].slice(-UNDO_DEPTH));

  const decide = useCallback((status: Decision) => {
    const pair = buffer[0];
    if (!pair) return;
    setBuffer((b) => b.slice(1));
    setDecided((n) => n + 1);
    const base = syncing.current.get(pair.id) ?? Promise.resolve(pair);
    const result: Promise<PairWriteResult | null> = base
      // an agreement overlap pair is decided by a blind vote (lib/agreement): its status waits for the second reviewer
      .then((latest) => "blind" in pair && pair.blind
        ? api("/api/review/votes", { method: "POST", json: { pairId: pair.id, decision: status } }).then(() => ({ pair, eventId: null }))
        : patch(pair.id, { version: (latest ?? pair).version, status }))
      .catch((err: unknown) => {
        const current = conflictOf(err);
        setStack((s) => s.filter((e) => e.result !== result));
        setDecided((n) => n - 1);
        putFront(current ?? pair);
        say({ tone: "error", text: current
          ? `Pair #${pair.id} was changed by someone else (now ${current.status}, version ${current.version}); your ${VERB[status]} was not saved. It is back on screen: decide again or skip.`
          : `Could not ${VERB[status]} pair #${pair.id}: ${message(err)}. It is back on screen.` });
        return null;
      });
    push({ kind: "decision", label: VERB[status], pair, result });
    say(null);
    // confirmed once the server has it: after the key press, off the path to the next pair
    void result.then((r) => { if (r) toast(`${DONE[status]} pair #${pair.id}`); });
  }, [buffer, patch, say]);

  const skip = useCallback(() => {
    const pair = buffer[0];
    if (!pair) return;
    setBuffer((b) => b.slice(1));
    // a skipped pair's lease is given back at once, so a colleague can take it (lib/review-team/claim.ts)
    void api("/api/review/release", { method: "POST", json: { pairIds: [pair.id] } }).catch(() => {});
    push({ kind: "skip", label: "skip", pair, result: Promise.resolve(null) });
    say(null);
  }, [buffer, say]);

  const undoLast = useCallback(async () => {
    const entry = stack[stack.length - 1];
    if (!entry) return say({ tone: "info", text: "Nothing to undo." });
    setStack((s) => s.slice(0, -1));
    if (entry.kind !== "edit") putFront(entry.pair);
    if (entry.kind === "skip") return say({ tone: "info", text: `Back to pair #${entry.pair.id}.` });
    if (entry.kind === "decision") setDecided((n) => n - 1);
    say(null);
    const seq = noticeSeq.current;
    const sync = entry.result.then(async (r) => {
      if (!r?.eventId) return null;
      const u = await undo(r.pair.id, r.eventId);
      replace(u.pair);
      if (noticeSeq.current === seq) say({ tone: "info", text: `Undid ${entry.label} on pair #${entry.pair.id}.` });
      return u.pair;
    }).catch((err: unknown) => {
      const current = conflictOf(err);
      if (current && entry.kind === "edit") replace(current);
      else setBuffer((b) => b.filter((x) => x.id !== entry.pair.id));
      say({ tone: "error", text: `Could not undo ${entry.label} on pair #${entry.pair.id}: ${message(err)}` });
      return null;
    });
    syncing.current.set(entry.pair.id, sync);
    void sync.finally(() => { if (syncing.current.get(entry.pair.id) === sync) syncing.current.delete(entry.pair.id); });
  }, [stack, undo, say]);

  const saveEdit = useCallback(async (changes: PairChanges, version?: number): Promise<EditOutcome> => {
    const pair = buffer[0];
    if (!pair) return { error: "no pair on screen" };
    try {
      const r = await patch(pair.id, { ...changes, version: version ?? pair.version });
      replace(r.pair);
      push({ kind: "edit", label: "edit", pair, result: Promise.resolve(r) });
      say({ tone: "info", text: `Saved your edit of pair #${pair.id}; quality re-checked.` });
      return { ok: true };
    } catch (err) {
      const current = conflictOf(err);
      return current ? { conflict: current } : { error: message(err) };
    }
  }, [buffer, patch, say]);

  return { current: buffer[0] ?? null, upcoming: buffer.slice(1), loading, exhausted, error, notice, setNotice: say,
    undoDepth: stack.length, decided, decide, skip, undoLast, saveEdit, replace, restart: reset, retry: refill };
}
