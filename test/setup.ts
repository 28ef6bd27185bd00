import nock from 'nock';

// No test reaches the network: only the in-repo simulators on loopback are allowed.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
