/**
 * Who is using something kept running only while used: `start` when the first use begins, `stop`
 * when the last one ends. Each use ends once, however often its release is called.
 */
export class Usage {
  private users = 0;

  constructor(
    private readonly start: () => void,
    private readonly stop: () => void,
  ) {}

  get inUse(): boolean {
    return this.users > 0;
  }

  /** Begins a use; call the returned function when done with it. */
  acquire(): () => void {
    this.users += 1;
    if (this.users === 1) this.start();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.users -= 1;
      if (this.users === 0) this.stop();
    };
  }
}
