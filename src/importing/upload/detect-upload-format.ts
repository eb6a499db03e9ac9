export type UploadFormat = 'xlsx' | 'csv' | 'old-excel' | 'unreadable';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // "PK\x03\x04": XLSX is a ZIP archive
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // the compound file of Excel 97–2003 (.xls)

/**
 * Tells what an upload is from its bytes alone: the file name and the browser's MIME type are
 * the sender's claims, not facts. CSV must be UTF-8 text without NUL bytes.
 */
export function detectUploadFormat(bytes: Uint8Array): UploadFormat {
  if (startsWith(bytes, ZIP_MAGIC)) return 'xlsx';
  if (startsWith(bytes, OLE_MAGIC)) return 'old-excel';
  if (bytes.includes(0)) return 'unreadable';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'csv';
  } catch {
    return 'unreadable';
  }
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}
