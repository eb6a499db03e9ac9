/**
 * Where received media (a KPM's photo of their business, a receipt) is kept. Channels put the
 * bytes they downloaded and pass on only the returned reference (`InboundContent.mediaRef`), so
 * flows and the database never hold platform URLs or file paths.
 *
 * @example
 * const ref = await store.put(bytes, { mimeType: 'image/jpeg', channel: 'whatsapp' });
 * const media = await store.get(ref); // { bytes, mimeType: 'image/jpeg' }
 */
export interface MediaStore {
  /** Keeps the bytes; resolves with the reference to read them back. */
  put(bytes: Buffer, meta: { mimeType?: string; channel: string }): Promise<string>;
  /** The bytes of a reference this store issued; null when it is unknown here (another store's, or gone). */
  get(ref: string): Promise<{ bytes: Buffer; mimeType?: string } | null>;
  /** Forgets a reference this store issued (a raw photo once its cleaned copy is kept); unknown ones are ignored. */
  delete?(ref: string): Promise<void>;
}
