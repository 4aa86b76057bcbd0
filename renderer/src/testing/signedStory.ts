/** Search's test stories as a real console writes them: under a key pair's device id, travelling signed. */
import { IncidentStory, type StoryStart } from '@shared/search/testStories';
import { TestAuthor } from '@shared/sync/testing/testAuthor';

export class SignedStory extends IncidentStory {
  private readonly author: TestAuthor;

  /** `seed` names the console: a different one for each story a test puts in one database. */
  constructor(seed: number, start: Omit<StoryStart, 'device'>) {
    const author = new TestAuthor(seed);
    super({ ...start, device: author.deviceId });
    this.author = author;
  }

  /** Every event so far, as it travels: signed by the story's console. */
  get signedEvents() {
    return this.events.map((event) => this.author.sign(event));
  }
}
