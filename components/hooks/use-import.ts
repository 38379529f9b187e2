"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useJobQuery } from "@/components/hooks/use-job-query";
import { api } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { ImportBody } from "@/lib/api/schemas";

/**
 * Uploads files with byte progress (XHR: fetch has no upload progress), then follows the import job; the header
 * counts the upload as running work, and useJobQuery refreshes corpora, documents and segments when the job stops.
 */
export function useImport() {
  const qc = useQueryClient();
  const [upload, setUpload] = useState<{ sent: number; total: number } | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const job = useJobQuery(jobId);
  const uploading = (delta: number) => qc.setQueryData<number>(keys.uploads(), (n = 0) => Math.max(0, n + delta));
  const started = (id: number) => {
    setJobId(id);
    void qc.invalidateQueries({ queryKey: ["jobs"] }); // the header shows the new job now, not at its next poll
  };

  async function start(files: File[], body: Omit<ImportBody, "uploads" | "names">) {
    setError(null);
    setJobId(null);
    uploading(1);
    try {
      const total = files.reduce((a, f) => a + f.size, 0);
      let before = 0;
      const ids: string[] = [];
      for (const f of files) {
        const res = await send(f, (sent) => setUpload({ sent: before + sent, total }));
        ids.push(res.id);
        before += f.size;
      }
      setUpload({ sent: total, total });
      const { jobId: id } = await api<{ jobId: number }>("/api/imports", { method: "POST", json: { ...body, uploads: ids, names: files.map((f) => f.name) } });
      started(id);
    } catch (err) {
      setError(err as Error);
    } finally {
      uploading(-1);
    }
  }

  async function demo() {
    setError(null);
    try {
      const { jobId: id } = await api<{ jobId: number }>("/api/imports/demo", { method: "POST" });
      started(id);
    } catch (err) {
      setError(err as Error);
    }
  }

  return { start, demo, upload, job: job.data, error, reset: () => { setJobId(null); setUpload(null); } };
}

function send(file: File, onProgress: (sent: number) => void): Promise<{ id: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/uploads?name=${encodeURIComponent(file.name)}`);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      let body: { id?: string; error?: { message?: string } } = {};
      try { body = JSON.parse(xhr.responseText); } catch {}
      if (xhr.status >= 200 && xhr.status < 300 && body.id) resolve({ id: body.id });
      else reject(new Error(body.error?.message ?? `upload of ${file.name} failed (${xhr.status})`));
    };
    xhr.onerror = () => reject(new Error(`upload of ${file.name} failed: the connection broke`));
    xhr.send(file);
  });
}
