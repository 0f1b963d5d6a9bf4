/** Plumbing shared by the products. Not exported; no compatibility promise. */
package dev.mpesa.internal;
