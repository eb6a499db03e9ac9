import qrcode from 'qrcode-terminal';

/** Draws the pairing QR code in the terminal (stdout, beside the log lines that explain it). */
export function printQrInTerminal(qr: string): void {
  qrcode.generate(qr, { small: true }, (drawing) => {
    process.stdout.write(`${drawing}\n`);
  });
}
