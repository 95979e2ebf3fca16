import { selectByName } from '../../../lib/config/select-by-name';

const all = [{ name: 'dev' }, { name: 'staging' }, { name: 'prod' }];

describe('selectByName', () => {
  test('everything without --env', () => {
    expect(selectByName(undefined, all)).toEqual(all);
  });

  test('the named entries in their declared order', () => {
    expect(selectByName('prod,dev', all)).toEqual([{ name: 'dev' }, { name: 'prod' }]);
  });

  test('fails when a name is unknown', () => {
    expect(() => selectByName('qa,prod', all)).toThrow('--env qa: unknown environment; expected one of dev, staging, prod');
  });

  test('fails when --env is empty', () => {
    expect(() => selectByName(',', all)).toThrow('--env (empty): unknown environment');
  });
});
