// What a sender-model reader (Avro, DESIGN §3.1) hands its entries to. The reader walks the
// file and calls these in file order; the accumulator behind it normalises, de-duplicates and
// stores entries in typed arrays, so no object is built per entry for a whole build.

import type { Problem } from './types';

/** Where an entry came from, for problem reports: Avro record number and field path. */
export interface EntryWhere {
  /** 1-based record number in the container file. */
  record: number;
  /**
   * Path of the model or entry inside the record: `models[12]`, `models[12].cidrs[3]`, or in the
   * rows layout `''` and `cidrs[3]`. The sink appends the field (`.domain`, `.cidr`, `.score`).
   * Valid only during the call: copy it to keep it.
   */
  path: string;
}

export interface SenderModelSink {
  /**
   * Version/threshold as found: from a record that gives one, else (once the reader knows that
   * none does) from the file's metadata; null when neither does.
   */
  setVersion(version: string | null): void;
  setThreshold(threshold: number | null): void;
  /** Starts the entries of one domain (raw, un-normalised). Returns false when the domain is invalid. */
  beginDomain(domain: string, where: EntryWhere): boolean;
  /** One entry of the current domain; score null/non-finite drops it (reported). */
  addEntry(cidr: string, score: number | null, where: () => EntryWhere): void;
  /**
   * Fast path for the common case, the entry's `cidr` as ASCII bytes in a buffer: avoids making
   * a string per entry. Must behave exactly like `addEntry(text, score, where)`.
   */
  addEntryBytes(bytes: Uint8Array, start: number, end: number, score: number | null, where: () => EntryWhere): void;
  /**
   * A model or entry the reader dropped because a value it needs is null (a null model, domain,
   * entry or cidr, DESIGN §3.1): counts as one rejected entry, and is reported.
   */
  reject(problem: Problem): void;
  /** A problem the reader found that is not about one entry's value. */
  report(problem: Problem): void;
}
