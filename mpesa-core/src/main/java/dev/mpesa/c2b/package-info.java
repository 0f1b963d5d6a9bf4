/**
 * Customer to Business (C2B): {@link dev.mpesa.c2b.C2bService} registers the confirmation and
 * validation URLs of a short code and, in the sandbox, simulates a customer's payment. The payments
 * themselves arrive later as callbacks at the registered URLs.
 */
package dev.mpesa.c2b;
