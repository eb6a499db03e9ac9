import { describe, expect, it } from 'vitest';
import { networkFailure, toSendResult } from '../../../src/channels/whatsapp-cloud/to-send-result.js';

const graph = (httpStatus: number, code?: number, message = 'something') => ({
  httpStatus,
  body: { error: { message, type: 'OAuthException', ...(code !== undefined && { code }), fbtrace_id: 'x' } },
});
const low = () => 0;
const high = () => 1;

describe('toSendResult', () => {
  it('130429 (throughput) waits 1 to 5 seconds, whatever the HTTP status', () => {
    for (const status of [400, 429]) {
      expect(toSendResult(graph(status, 130429), low)).toMatchObject({ status: 'rate-limited', retryAfterMs: 1_000 });
      expect(toSendResult(graph(status, 130429), high)).toMatchObject({ status: 'rate-limited', retryAfterMs: 5_000 });
    }
  });

  it('131056 (pair rate) waits at least 6 seconds', () => {
    expect(toSendResult(graph(400, 131056), low)).toMatchObject({ status: 'rate-limited', retryAfterMs: 6_000 });
    expect(toSendResult(graph(400, 131056), high)).toMatchObject({ status: 'rate-limited', retryAfterMs: 10_000 });
  });

  it('80007 (account rate limit) and a bare 429 are rate-limited too', () => {
    expect(toSendResult(graph(400, 80007), low)).toMatchObject({ status: 'rate-limited', retryAfterMs: 30_000 });
    expect(toSendResult({ httpStatus: 429, body: 'Too Many Requests' }, low)).toMatchObject({ status: 'rate-limited', retryAfterMs: 2_000 });
  });

  it('131047 (re-engagement) fails with that reason', () => {
    const result = toSendResult(graph(400, 131047, 'Re-engagement message'));
    expect(result).toEqual({ status: 'failed', reason: 'whatsapp-cloud 131047: Re-engagement message (outside the 24-hour window)' });
  });

  it('a rejected token (190, or HTTP 401) is transient: an operator renews it and nothing is dropped', () => {
    expect(toSendResult(graph(401, 190)).status).toBe('transient-error');
    expect(toSendResult(graph(400, 190)).status).toBe('transient-error');
    expect(toSendResult({ httpStatus: 401, body: undefined }).status).toBe('transient-error');
    expect(toSendResult(graph(401, 190)).reason).toContain('WHATSAPP_CLOUD_TOKEN');
  });

  it('5xx and Meta’s own trouble codes are transient', () => {
    expect(toSendResult(graph(500, 131000)).status).toBe('transient-error');
    expect(toSendResult(graph(503)).status).toBe('transient-error');
    expect(toSendResult({ httpStatus: 502, body: '<html>Bad Gateway</html>' }).status).toBe('transient-error');
    expect(toSendResult(graph(400, 131016)).status).toBe('transient-error');
  });

  it('other 4xx fail for good: bad parameters, undeliverable, unknown', () => {
    expect(toSendResult(graph(400, 100, '(#100) Invalid parameter'))).toEqual({ status: 'failed', reason: 'whatsapp-cloud 100: (#100) Invalid parameter' });
    expect(toSendResult(graph(400, 131026)).status).toBe('failed');
    expect(toSendResult({ httpStatus: 404, body: undefined })).toEqual({ status: 'failed', reason: 'whatsapp-cloud http 404: no description' });
  });

  it('never carries a phone number into the reason', () => {
    const result = toSendResult({ httpStatus: 400, body: { error: { code: 131030, message: 'Recipient 6281299990001 not in allowed list', error_data: { details: 'add +62 812-9999-0001 first' } } } });
    expect(result.reason).not.toMatch(/6281299990001|812-9999-0001/);
    expect(result.reason).toContain('131030');
  });
});

describe('networkFailure', () => {
  it('socket errors are transient, named by code only; the send timeout leaves the outcome unknown', () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    expect(networkFailure(refused)).toEqual({ status: 'transient-error', reason: 'whatsapp-cloud network: ECONNREFUSED' });
    expect(networkFailure(new DOMException('signal timed out', 'TimeoutError'))).toEqual({ status: 'unknown', reason: 'whatsapp-cloud: no answer within the send timeout' });
  });
});
