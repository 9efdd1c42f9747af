import { noEvents } from '@civil/persistence';

/** A campaign's own progress publishes nothing: its tasks' overdue signals and checks do. */
export const campaignEvents = noEvents;
