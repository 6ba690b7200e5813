import Fastify, { FastifyInstance, FastifyError } from 'fastify';
import { databaseUnreachable } from '../store/database';

/** An error the caller can act on; rendered as the contract's `{detail, code}`. */
export class ApiError extends Error {
  constructor(readonly statusCode: number, readonly code: string, detail: string) {
    super(detail);
  }
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** A Fastify app whose every error, including schema failures, has the contract's shape. */
export function createHttpApp(): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, ajv: { customOptions: { allErrors: false, removeAdditional: false, coerceTypes: false } } });

  app.setErrorHandler((error: FastifyError | ApiError, _request, reply) => {
    if (error instanceof ApiError) {
      return reply.status(error.statusCode).send({ detail: sentence(error.message), code: error.code });
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      const where = fastifyError.validationContext ?? 'body';
      const first = fastifyError.validation[0];
      const field = first?.instancePath ? first.instancePath.replace(/^\//, '').replace(/\//g, '.') : (first?.params as { missingProperty?: string })?.missingProperty;
      const detail = first?.keyword === 'required'
        ? `The ${where} is missing the required field "${field}"`
        : field
          ? `The ${where} field "${field}" ${first?.message ?? 'is invalid'}`
          : `The ${where} ${first?.message ?? 'is invalid'}`;
      return reply.status(422).send({ detail: sentence(detail), code: 'VALIDATION_ERROR' });
    }
    if (databaseUnreachable(error)) {
      return reply.status(503).send({ detail: 'Stored data cannot be reached right now; nothing was changed, and you can try again shortly.', code: 'STORAGE_UNAVAILABLE' });
    }
    const status = fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500 ? fastifyError.statusCode : 500;
    if (status === 500) {
      return reply.status(500).send({ detail: 'The server failed to handle this request; it has been logged.', code: 'INTERNAL_ERROR' });
    }
    return reply.status(status).send({ detail: sentence(fastifyError.message), code: (fastifyError.code ?? 'BAD_REQUEST').replace(/^FST_ERR_/, '') });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ detail: `There is no ${request.method} ${request.url.split('?')[0]} on this service.`, code: 'NOT_FOUND' });
  });

  return app;
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
