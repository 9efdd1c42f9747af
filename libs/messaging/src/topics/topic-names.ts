/**
 * Physical topic names: a deployment (or a test run) may put a prefix before every logical topic
 * so that runs sharing a broker never see each other's data.
 */
export class TopicNames {
  constructor(readonly prefix = '') {
    if (!/^[a-z0-9.-]*$/.test(prefix)) throw new Error(`topic prefix must be lowercase letters, digits, dots or hyphens: "${prefix}"`);
  }

  physical(logical: string): string {
    return `${this.prefix}${logical}`;
  }

  logical(physical: string): string {
    return this.prefix && physical.startsWith(this.prefix) ? physical.slice(this.prefix.length) : physical;
  }

  deadLetter(logical: string): string {
    return `${this.physical(logical)}.dlt`;
  }

  group(groupId: string): string {
    return `${this.prefix}${groupId}`;
  }
}
