import { describe, expect, it } from 'vitest';
import { redactPersonalData } from '../../src/logging/redact.js';

describe('redactPersonalData: NIK', () => {
  it.each([
    ['plain', 'NIK 3604011203850001 ditolak', 'NIK [NIK] ditolak'],
    ['spaced groups', 'nik: 3604 0112 0385 0001', 'nik: [NIK]'],
    ['dotted groups', '3604.0112.0385.0001', '[NIK]'],
    ['dashed groups', '3604-0112-0385-0001', '[NIK]'],
    ['spaced dashes', '3604 - 0112 - 0385 - 0001', '[NIK]'],
    ['irregular groups', '36 04 01 120385 0001', '[NIK]'],
    ['glued to a label', 'NIK3604011203850001', 'NIK[NIK]'],
    ['spaced groups glued to a label', 'NIK3604 0112 0385 0001', 'NIK[NIK]'],
    ['at the end of a sentence', 'punya saya 3604011203850001.', 'punya saya [NIK].'],
    ['a KK number (also 16 digits)', 'KK 3604010101090001', 'KK [NIK]'],
    ['a NIK with a digit missing', '360401120385001', '[NIK]'],
    ['a NIK with a digit too many', '36040112038500011', '[NIK]'],
    ['a NIK glued to another number', '36040112038500012345', '[NIK]'],
    ['two NIKs', '3604011203850001, 3173054509920123', '[NIK], [NIK]'],
  ])('%s', (_label, input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });
});

describe('redactPersonalData: phone', () => {
  it.each([
    ['08… 12 digits', 'hubungi 081234567890', 'hubungi [TELEPON]'],
    ['08… 10 digits', '0812345678', '[TELEPON]'],
    ['08… 13 digits', '0812345678901', '[TELEPON]'],
    ['08… 9 digits', '081234567', '[TELEPON]'],
    ['+62', '+6281234567890', '[TELEPON]'],
    ['62 without plus', '6281234567890', '[TELEPON]'],
    ['+62 with spaces and dashes', '+62 812-3456-7890', '[TELEPON]'],
    ['dashed 08', '0812-3456-7890', '[TELEPON]'],
    ['oddly grouped, the whole number', 'hp 0812 3456 78 90', 'hp [TELEPON]'],
    ['dotted 08', '0812.3456.7890', '[TELEPON]'],
    ['bracketed area', 'tel (0812) 3456 7890', 'tel ([TELEPON]'],
    ['a WhatsApp JID', '6281234567890@s.whatsapp.net', '[TELEPON]@s.whatsapp.net'],
  ])('%s', (_label, input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });
});

describe('redactPersonalData: several numbers in a row', () => {
  it.each([
    ['NIK then phone', '3604011203850001 081234567890', '[NIK] [TELEPON]'],
    ['phone then NIK', '081234567890 3604011203850001', '[TELEPON] [NIK]'],
    ['spaced phone then spaced NIK', '0812 3456 7890 3604 0112 0385 0001', '[TELEPON] [NIK]'],
    ['amount then NIK', 'Rp3.500.000 3604011203850001', 'Rp3.500.000 [NIK]'],
    ['UUID then NIK', 'a1b2c3d4-0000-4000-8000-123456789012 3604011203850001', 'a1b2c3d4-0000-4000-8000-123456789012 [NIK]'],
  ])('%s', (_label, input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });
});

describe('redactPersonalData leaves other numbers alone', () => {
  it.each([
    ['money', 'modal Rp3.500.000 disalurkan'],
    ['a date', 'dicairkan 14-12-2020 pukul 10.30'],
    ['an epoch in milliseconds', '"time":1718000000000'],
    ['a Telegram group chat id', 'chat -1001234567890'],
    ['a Telegram update id', 'update_id 987654321'],
    ['a short number', 'pilih 1, 2 atau 3'],
    ['a number too short for a phone', '08123456'],
    ['a number too long for a phone or NIK', '08123456789012'],
    ['a number not starting 08 or 62', '0212345678'],
    ['a 14-digit international number (the plus is no digit)', '+36040112038500'],
    ['a UUID', 'id 123e4567-e89b-12d3-a456-426614174000'],
    ['a UUID in capitals with a long digit tail', 'id 123E4567-E89B-12D3-A456-426614174000.'],
    ['a UUID of digits only', '12345678-1234-1234-1234-123456789012'],
    ['a hex hash with long digit runs', 'h=3604011203850001aa3604011203850001bb3604011203850001cc'],
    ['no digits at all', 'Siti Aminah'],
    ['empty', ''],
  ])('%s', (_label, input) => {
    expect(redactPersonalData(input)).toBe(input);
  });
});
