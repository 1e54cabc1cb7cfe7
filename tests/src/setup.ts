import '@testing-library/jest-dom';
import { forgetMe } from '../../src/services/me';
import { taroTest } from './mocks/taro';

// The H5 build is the one the local host serves; tests that need weapp switch per test.
beforeEach(() => {
  process.env.TARO_ENV = 'h5';
  taroTest.reset();
  // The current user is cached per identity for the app's life; each test starts a new app.
  forgetMe();
  // Each test installs its own fake host; none may talk to a previous test's.
  delete (globalThis as { fetch?: unknown }).fetch;
  window.history.replaceState(null, '', '/');
});

afterEach(() => {
  jest.clearAllMocks();
});
