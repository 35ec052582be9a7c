export const ADMIN_KEY = 'admin-key-for-the-tests-0123456789-abcdef';
export const OTHER_KEY = 'another-admin-key-for-the-tests-9876543210';
export const adminAuth = (key = ADMIN_KEY) => ({ Authorization: `Bearer ${key}` });
