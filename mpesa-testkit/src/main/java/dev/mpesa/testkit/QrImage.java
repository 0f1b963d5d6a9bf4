package dev.mpesa.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * The image of a Dynamic QR answer: a real PNG of the requested size that looks like a QR code
 * (three finder squares, timing lines, a 25 × 25 grid of modules) but is <b>not scannable</b>: its
 * modules are a deterministic pattern drawn from a hash of the payload, not an encoding of it. The
 * same payload always gives the same image.
 *
 * <p>Written with a minimal PNG encoder (1-bit greyscale, one IDAT chunk, no java.desktop), row by
 * row, so memory stays at one row plus the compressed output, which is small because rows repeat.
 */
final class QrImage {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final int MODULES = 25;
  private static final int QUIET = 2;
  private static final int TOTAL = MODULES + 2 * QUIET;

  private QrImage() {}

  /** A square PNG of {@code size} pixels for {@code payload}. */
  static byte[] png(String payload, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1 pixel, got " + size);
    }
    boolean[][] dark = modules(payload);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(SIGNATURE);
      ByteArrayOutputStream header = new ByteArrayOutputStream();
      DataOutputStream h = new DataOutputStream(header);
      h.writeInt(size); // width
      h.writeInt(size); // height
      h.writeByte(1); // bit depth
      h.writeByte(0); // colour type: greyscale
      h.writeByte(0); // compression: deflate
      h.writeByte(0); // filter method
      h.writeByte(0); // no interlace
      chunk(out, "IHDR", header.toByteArray());
      chunk(out, "IDAT", pixels(dark, size));
      chunk(out, "IEND", new byte[0]);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
  }

  /** The zlib stream of the scanlines: filter byte 0, then 1 bit per pixel, 1 = white. */
  private static byte[] pixels(boolean[][] dark, int size) throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    try (DeflaterOutputStream z = new DeflaterOutputStream(compressed, deflater)) {
      byte[] row = new byte[1 + (size + 7) / 8];
      for (int y = 0; y < size; y++) {
        Arrays.fill(row, (byte) 0);
        int my = y * TOTAL / size - QUIET;
        for (int x = 0; x < size; x++) {
          int mx = x * TOTAL / size - QUIET;
          boolean black = my >= 0 && my < MODULES && mx >= 0 && mx < MODULES && dark[my][mx];
          if (!black) {
            row[1 + x / 8] |= (byte) (0x80 >>> (x % 8));
          }
        }
        z.write(row);
      }
    } finally {
      deflater.end();
    }
    return compressed.toByteArray();
  }

  /** Finder squares, timing lines, and hash-seeded modules elsewhere. */
  private static boolean[][] modules(String payload) {
    boolean[][] dark = new boolean[MODULES][MODULES];
    SplittableRandom random = new SplittableRandom(seed(payload));
    for (int y = 0; y < MODULES; y++) {
      for (int x = 0; x < MODULES; x++) {
        dark[y][x] = random.nextBoolean();
      }
    }
    for (int i = 8; i < MODULES - 8; i++) {
      dark[6][i] = i % 2 == 0;
      dark[i][6] = i % 2 == 0;
    }
    finder(dark, 0, 0);
    finder(dark, 0, MODULES - 7);
    finder(dark, MODULES - 7, 0);
    return dark;
  }

  /** A 7 × 7 finder square at ({@code top}, {@code left}) with its white separator. */
  private static void finder(boolean[][] dark, int top, int left) {
    for (int dy = -1; dy <= 7; dy++) {
      for (int dx = -1; dx <= 7; dx++) {
        int y = top + dy;
        int x = left + dx;
        if (y < 0 || y >= MODULES || x < 0 || x >= MODULES) {
          continue;
        }
        boolean ring = dy == 0 || dy == 6 || dx == 0 || dx == 6;
        boolean centre = dy >= 2 && dy <= 4 && dx >= 2 && dx <= 4;
        boolean inside = dy >= 0 && dy <= 6 && dx >= 0 && dx <= 6;
        dark[y][x] = inside && (ring || centre);
      }
    }
  }

  private static long seed(String payload) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
      long seed = 0;
      for (int i = 0; i < 8; i++) {
        seed = (seed << 8) | (hash[i] & 0xFF);
      }
      return seed;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data)
      throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    d.writeInt(data.length);
    d.write(name);
    d.write(data);
    d.writeInt((int) crc.getValue());
  }
}
