import { z } from 'zod';

const dateTime = z.string().datetime({ offset: true });

// what GET /user/sessions answers, one per live session
export const sessionViewSchema = z.object({
  id: z.string(),
  createdAt: dateTime,
  lastUsedAt: dateTime,
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;
