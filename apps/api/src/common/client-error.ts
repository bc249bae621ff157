import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Logger } from '@nestjs/common';
import { DomainError } from '@threadline/domain';
import type { ErrorBody } from './error.filter';
import { httpStatusOf } from './http-status-of';

/** What Node's HTTP parser refused, as one of our errors (Node's own answer has no body). */
export function clientErrorOf(code: string | undefined): DomainError {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return new DomainError('HEADERS_TOO_LARGE', 'The request line and headers are larger than 16 KB. Shorten the URL (put long filters in a JSON body) or the headers.');
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new DomainError('PAYLOAD_TOO_LARGE', 'The chunk extensions of the body are too large.');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new DomainError('REQUEST_TIMEOUT', 'The request did not arrive in time. Retry.');
    default:
      return new DomainError('VALIDATION_FAILED', 'The request is not valid HTTP/1.1.');
  }
}

/**
 * Answers requests that Node's HTTP parser refuses (before Express sees them) in our error envelope
 * with an X-Request-Id, instead of Node's bare status line.
 */
export function answerClientErrorsInEnvelope(server: Server): void {
  const logger = new Logger('HttpParser');
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex & { _httpMessage?: { _headerSent?: boolean } }) => {
    // Nothing can be said on a socket that is gone or already carries a response (Node's own handler checks the same).
    if (err.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?._headerSent) {
      socket.destroy();
      return;
    }
    const error = clientErrorOf(err.code);
    const requestId = randomUUID();
    const status = httpStatusOf(error.code);
    const body: ErrorBody = { success: false, error: error.message, code: error.code, requestId };
    const json = JSON.stringify(body);
    logger.warn({ requestId, parserError: err.code, status }, 'request refused by the HTTP parser');
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\n` +
        `X-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${json}`,
    );
  });
}
