/**
 * A failure reason for logs and the outbox's last_error: Meta's error code and title, cut
 * short, with any long digit run (a phone number or wa_id quoted in a message) blanked out.
 */
export function errorReason(code: number | string | undefined, text: string | undefined): string {
  const words = (text ?? 'no description').replace(/\+?\d[\d\s-]{6,}\d/g, '[number]').slice(0, 160);
  return `whatsapp-cloud ${code ?? 'error'}: ${words}`;
}
