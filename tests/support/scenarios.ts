// Conversations with known truth, used by the pipeline, CLI and live tests,
// written as scripts: who speaks, from when (seconds), what.
import type { Turn } from './synth';

const me = (at: number, text: string): Turn => ({ side: 'me', text, at });
const them = (at: number, text: string): Turn => ({ side: 'them', text, at });

/** A discovery call: clean turn-taking with pauses of different lengths. */
export const TURN_TAKING: Turn[] = [
  me(0.5, 'Hi, thanks for joining the call today. How is your week going so far?'),
  them(5.6, 'Pretty good, thanks. We have been busy with the new release, but it is going well.'),
  me(11.9, 'Great to hear. Could you tell me about how your team handles onboarding right now?'),
  them(17.6, 'Sure. Right now we do everything by hand, with spreadsheets and a lot of email back and forth.'),
  me(24.8, 'I see. That sounds painful.'),
  them(27.6, 'It really is.'),
  me(29.4, 'What would change for you if new hires could start on day one?'),
];

/** Talking over each other: I interrupt them, later they interrupt me. */
export const OVERLAPS: Turn[] = [
  them(0.5, 'So the main problem we keep running into is that the reports take forever to build every single month.'),
  me(3.0, 'Sorry, how long does one report take?'),
  them(9.0, 'About three days for the whole team.'),
  me(12.5, 'And that is every month, for every region, including the quarterly ones as well.'),
  them(14.5, 'Yes, exactly, every region.'),
];

/** A monologue of mine with short back-channels, then their long story. */
export const MONOLOGUE: Turn[] = [
  me(0.5, 'Let me walk you through how the product works.'),
  me(4.4, 'First, you connect your calendar and your call app.'),
  them(7.8, 'mm hmm'),
  me(8.6, 'Then every call is analysed on your own laptop.'),
  me(12.3, 'Nothing ever leaves the device.'),
  them(16.0, 'That is interesting, because our legal team has been very strict about recording customer calls in the cloud.'),
];
