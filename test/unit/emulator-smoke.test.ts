import { testFirestore } from '../support/firestore';

it('reaches the emulator', async () => {
  const db = testFirestore();
  await db.doc('a/b').set({ x: 1 });
  expect((await db.doc('a/b').get()).data()).toEqual({ x: 1 });
  await db.terminate();
});
