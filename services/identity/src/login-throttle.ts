import { RateLimiterMemory } from 'rate-limiter-flexible';

export interface LoginThrottleOptions {
  /** Failed logins for one username (any address) within the window before it must wait. */
  failuresPerUsername: number;
  /** Failed logins from one client address (any username) within the window before it must wait. */
  failuresPerAddress: number;
  /** The window, in seconds. */
  windowSeconds: number;
}

/** 5 wrong passwords for a username, or 20 from an address, per 15 minutes (design: issue 21, part 8). */
export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = { failuresPerUsername: 5, failuresPerAddress: 20, windowSeconds: 15 * 60 };

/**
 * Against password guessing on the login form and the password grant: counts failed logins per username
 * and per client address in memory (rate-limiter-flexible; one provider process). A correct password
 * clears its username's count, so a user who mistyped is not held back; the address count only expires.
 */
export class LoginThrottle {
  private readonly byUsername: RateLimiterMemory;
  private readonly byAddress: RateLimiterMemory;

  constructor(private readonly options: LoginThrottleOptions = DEFAULT_LOGIN_THROTTLE) {
    this.byUsername = new RateLimiterMemory({ keyPrefix: 'user', points: options.failuresPerUsername, duration: options.windowSeconds });
    this.byAddress = new RateLimiterMemory({ keyPrefix: 'addr', points: options.failuresPerAddress, duration: options.windowSeconds });
  }

  /** Whole seconds to wait before this username may try again from this address; 0 when it may try now. */
  async retryAfterSeconds(username: string, address: string): Promise<number> {
    const [user, addr] = await Promise.all([this.byUsername.get(key(username)), this.byAddress.get(address)]);
    const waits = [
      user && user.consumedPoints >= this.options.failuresPerUsername ? user.msBeforeNext : 0,
      addr && addr.consumedPoints >= this.options.failuresPerAddress ? addr.msBeforeNext : 0,
    ];
    return Math.ceil(Math.max(...waits) / 1000);
  }

  /** A wrong password (or an unknown username) for this username from this address. */
  async failed(username: string, address: string): Promise<void> {
    await Promise.all([this.byUsername.penalty(key(username)), this.byAddress.penalty(address)]);
  }

  /** A correct password: the username starts again from zero. */
  async succeeded(username: string): Promise<void> {
    await this.byUsername.delete(key(username));
  }
}

/** `Consulent@MC21 ` and `consulent@mc21` are one username to count. */
const key = (username: string) => username.trim().toLowerCase();
