/** The paging every list action takes: `limit` (1–100, default 20) and `skip` (default 0). */
import { z } from 'zod';

export const PAGE_LIMIT_MAX = 100;

export const paging = {
  limit: z.number().int().min(1).max(PAGE_LIMIT_MAX).default(20),
  skip: z.number().int().min(0).default(0),
};
