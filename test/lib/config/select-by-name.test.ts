import { selectByName } from '../../../lib/config/select-by-name';

const all = [{ name: 'dev' }, { name: 'staging' }, { name: 'prod' }];

describe('selectByName', () => {
  test('everything without --env', () => {
    expect(selectByName([], all)).toEqual(all);
  });

  test('the named entries in their declared order', () => {
    expect(selectByName(['--env', 'prod,dev'], all)).toEqual([{ name: 'dev' }, { name: 'prod' }]);
  });

  test('fails when a name is unknown', () => {
    expect(() => selectByName(['--env', 'qa,prod'], all)).toThrow('--env qa: unknown environment; expected one of dev, staging, prod');
  });

  test('fails when --env has no value', () => {
    expect(() => selectByName(['--env'], all)).toThrow('--env (empty): unknown environment');
  });
});
