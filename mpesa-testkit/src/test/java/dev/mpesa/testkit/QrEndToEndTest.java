package dev.mpesa.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpesa.MpesaClient;
import dev.mpesa.qr.DynamicQrRequest;
import dev.mpesa.qr.DynamicQrResponse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Dynamic QR through the SDK against the fake. */
class QrEndToEndTest {
  @AutoClose private final World world = new World(b -> {});
  private final FakeDaraja fake = world.fake;
  private final MpesaClient mpesa = world.mpesa;

  private DynamicQrResponse generate(String reference, int size) {
    return mpesa
        .qr()
        .generate(
            DynamicQrRequest.builder()
                .merchantName("TEST SUPERMARKET")
                .referenceNumber(reference)
                .amount(1)
                .buyGoods("373132")
                .size(size)
                .build());
  }

  private static BufferedImage decode(DynamicQrResponse response) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(response.imageBytes()));
  }

  @Test
  void generate_askedSize_isPngOfThatSize() throws IOException {
    DynamicQrResponse response = generate("Invoice Test", 300);
    BufferedImage image = decode(response);

    assertThat(response.isPng()).isTrue();
    assertThat(response.qrCode()).startsWith("iVBOR");
    assertThat(response.responseDescription()).isEqualTo("QR Code Successfully Generated.");
    assertThat(image.getWidth()).isEqualTo(300);
    assertThat(image.getHeight()).isEqualTo(300);
    // A 1-bit picture: black modules, white quiet zone in the corner.
    assertThat(image.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    assertThat(image.getRGB(30, 30) & 0xFFFFFF).isZero();
    Golden.assertSameShape(
        "qr/generate-response.json",
        fake.journal().requests(QrDesk.GENERATE).get(0).responseJson());
  }

  @Test
  void generate_oddAndLargeSizes_keepTheirSize() throws IOException {
    assertThat(decode(generate("Odd", 57)).getWidth()).isEqualTo(57);
    assertThat(decode(generate("Large", 1000)).getHeight()).isEqualTo(1000);
    // Rows repeat, so even a large picture stays small.
    assertThat(generate("Large", 1000).imageBytes().length).isLessThan(20_000);
  }

  @Test
  void generate_samePayload_sameImage_otherPayload_otherImage() {
    String first = generate("Invoice 1", 200).qrCode();
    String again = generate("Invoice 1", 200).qrCode();
    String other = generate("Invoice 2", 200).qrCode();

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }
}
