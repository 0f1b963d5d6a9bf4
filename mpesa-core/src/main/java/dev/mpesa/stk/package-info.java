/**
 * M-Pesa Express (STK push): {@link dev.mpesa.stk.StkService} pushes a PIN prompt, queries its
 * status and waits for it; the result also arrives as a callback, parsed by {@code
 * dev.mpesa.callback.Callbacks.parseStk}.
 */
package dev.mpesa.stk;
