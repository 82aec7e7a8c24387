import { describeServiceProcess } from '#libs/testing';

describe('command-service process', () => {
  describeServiceProcess('command-service', { postgres: 'postgres', kafka: 'kafka' });
});
