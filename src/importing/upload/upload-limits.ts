/** How much an uploaded file may hold; beyond that it is refused politely, before any import. */
export interface UploadLimits {
  /** Bytes of the file as uploaded. */
  maxBytes: number;
  /** Data rows (the header not counted). */
  maxRows: number;
  /** Bytes an XLSX may unpack to, by its own directory: a small "zip bomb" is refused unread. */
  maxUnpackedBytes: number;
}

/** A provincial list of ~100,000 KPM fits; the web server's memory stays bounded. */
export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxBytes: 25 * 1024 * 1024,
  maxRows: 200_000,
  maxUnpackedBytes: 250 * 1024 * 1024,
};
