import { z } from 'zod';
import { route } from '../router';

/** The signed-in user, as the router found them. */
export const meGet = route('me/get', {
  params: z.object({}).strip(),
  async handle({ user }) {
    return user;
  },
});
