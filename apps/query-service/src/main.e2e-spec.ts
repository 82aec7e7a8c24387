import { describeServiceProcess } from '#libs/testing';

describe('query-service process', () => {
  describeServiceProcess('query-service', { ferretdb: 'read-store', kafka: 'kafka' }, '/conferences');
});
