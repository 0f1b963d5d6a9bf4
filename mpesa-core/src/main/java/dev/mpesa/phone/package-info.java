/** Kenyan mobile numbers: {@link dev.mpesa.phone.PhoneNumber}. */
package dev.mpesa.phone;
