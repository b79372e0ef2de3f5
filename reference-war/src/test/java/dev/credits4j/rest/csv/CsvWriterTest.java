package dev.credits4j.rest.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

  @Test
  void writesRfc4180Records() throws IOException {
    StringWriter out = new StringWriter();
    CsvWriter csv = new CsvWriter(out);
    csv.row(List.of("a", "b,c", "say \"hi\""));
    csv.row(Arrays.asList("line\nbreak", null, "cr\rhere"));
    assertThat(out.toString())
        .isEqualTo("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"line\nbreak\",,\"cr\rhere\"\r\n");
  }

  @Test
  void defusesSpreadsheetFormulasInFreeText() {
    assertThat(CsvWriter.text("=1+1")).isEqualTo("'=1+1");
    assertThat(CsvWriter.text("+cmd")).isEqualTo("'+cmd");
    assertThat(CsvWriter.text("-x")).isEqualTo("'-x");
    assertThat(CsvWriter.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(CsvWriter.text("plain")).isEqualTo("plain");
    assertThat(CsvWriter.text(null)).isNull();
  }
}
