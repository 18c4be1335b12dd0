// Conversations with known truth, used by the pipeline, CLI and live tests.
import type { Turn } from './synth';

/** A discovery call: clean turn-taking with pauses of different lengths. */
export const TURN_TAKING: Turn[] = [
  { side: 'me', text: 'Hi, thanks for joining the call today. How is your week going so far?', at: 0.5 },
  { side: 'them', text: 'Pretty good, thanks. We have been busy with the new release, but it is going well.', at: 5.6 },
  { side: 'me', text: 'Great to hear. Could you tell me about how your team handles onboarding right now?', at: 11.9 },
  { side: 'them', text: 'Sure. Right now we do everything by hand, with spreadsheets and a lot of email back and forth.', at: 17.6 },
  { side: 'me', text: 'I see. That sounds painful.', at: 24.8 },
  { side: 'them', text: 'It really is.', at: 27.6 },
  { side: 'me', text: 'What would change for you if new hires could start on day one?', at: 29.4 },
];

/** Talking over each other: I interrupt them, later they interrupt me. */
export const OVERLAPS: Turn[] = [
  { side: 'them', text: 'So the main problem we keep running into is that the reports take forever to build every single month.', at: 0.5 },
  { side: 'me', text: 'Sorry, how long does one report take?', at: 3.0 },
  { side: 'them', text: 'About three days for the whole team.', at: 9.0 },
  { side: 'me', text: 'And that is every month, for every region, including the quarterly ones as well.', at: 12.5 },
  { side: 'them', text: 'Yes, exactly, every region.', at: 14.5 },
];

/** A monologue of mine with short back-channels, then their long story. */
export const MONOLOGUE: Turn[] = [
  { side: 'me', text: 'Let me walk you through how the product works.', at: 0.5 },
  { side: 'me', text: 'First, you connect your calendar and your call app.', at: 4.4 },
  { side: 'them', text: 'mm hmm', at: 7.8 },
  { side: 'me', text: 'Then every call is analysed on your own laptop.', at: 8.6 },
  { side: 'me', text: 'Nothing ever leaves the device.', at: 12.3 },
  { side: 'them', text: 'That is interesting, because our legal team has been very strict about recording customer calls in the cloud.', at: 16.0 },
];
