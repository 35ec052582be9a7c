import { z } from 'zod';
import { AUDIT_EVENT_TYPES } from './audit.model';

// what GET /user/activity and GET /admin/audit answer, one per event
export const auditEventSchema = z.object({
  id: z.string(),
  type: z.enum(AUDIT_EVENT_TYPES),
  userId: z.string().nullable(),
  sessionId: z.string().nullable(),
  orgId: z.string().optional().describe('the organization an org.* event is about'),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  at: z.string(),
  actor: z.string().describe("'user', 'system', or 'admin:<first 12 hex digits of the key's SHA-256>'"),
});

export const auditEventExample = {
  id: '6b06e51f868dc3b5b08b25c0',
  type: 'login.succeeded',
  userId: '6b05aeb3e31649e5290a5c1c',
  sessionId: null,
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0',
  at: '2026-11-25T09:00:00.000Z',
  actor: 'user',
};
