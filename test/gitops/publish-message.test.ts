import { formatPublishMessage, parsePublishMessage } from '../../lib/gitops';

const source = 'a'.repeat(40);
const hash = (c: string) => c.repeat(64);

describe('publish commit message', () => {
  test('names the changed and removed environments, and reads back', () => {
    const previous = { sourceCommit: 'b'.repeat(40), contentHashes: new Map([['dev', hash('1')], ['prod', hash('2')], ['qa', hash('3')]]) };
    const record = { sourceCommit: source, contentHashes: new Map([['prod', hash('4')], ['dev', hash('1')]]) };
    const message = formatPublishMessage(record, previous);
    expect(message).toBe(
      [`Publish ${source.slice(0, 12)}: prod changed, qa removed`, '', `Source-Commit: ${source}`, `Content-Hash: dev sha256:${hash('1')}`, `Content-Hash: prod sha256:${hash('4')}`, ''].join('\n'),
    );
    expect(parsePublishMessage(message)).toEqual(record);
  });

  test('a message without a source commit is not a publish record', () => {
    expect(parsePublishMessage('Initial commit\n')).toBeUndefined();
  });
});
