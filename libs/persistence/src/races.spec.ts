import { ConcurrentChangeError } from './aggregate-store';
import { retryWhileRacing } from './races';

describe('retryWhileRacing', () => {
  it('returns the value of the first round whose write landed', async () => {
    const rounds: number[] = [];
    const value = await retryWhileRacing(
      async (attempt) => {
        rounds.push(attempt);
        return attempt === 5 ? { value: 'written' } : undefined;
      },
      { attempts: 8 },
    );
    expect(value).toBe('written');
    expect(rounds).toEqual([1, 2, 3, 4, 5]);
  });

  it('ends in a ConcurrentChangeError after its rounds, or in the error it is given', async () => {
    let rounds = 0;
    const lose = async () => {
      rounds++;
      return undefined;
    };
    const error = await retryWhileRacing(lose, { attempts: 4, what: 'visit day u-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrentChangeError);
    expect((error as Error).message).toMatch(/^visit day u-1 kept changing/);
    expect(rounds).toBe(4);
    const busy = new Error('busy');
    await expect(retryWhileRacing(lose, { attempts: 2, conflict: () => busy })).rejects.toBe(busy);
    expect(rounds).toBe(6);
  });

  it('passes a round’s refusal on at once', async () => {
    let rounds = 0;
    await expect(
      retryWhileRacing(
        async () => {
          rounds++;
          throw new Error('refused');
        },
        { attempts: 5 },
      ),
    ).rejects.toThrow('refused');
    expect(rounds).toBe(1);
  });
});
