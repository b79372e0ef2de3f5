package dev.credits4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Column;
import jakarta.persistence.JoinColumn;
import java.lang.reflect.Field;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link NativeDebitWrites} writes the rows JPA would: every column the entities map, none
 * forgotten when a column is added to an entity (an entry written without it would, for a hashed
 * field, fail {@code verify}; for another, lose the value).
 */
class NativeDebitWritesTest {
  @Test
  void writesEveryColumnOfEntriesAllocationsAndIdempotencyRecords() {
    assertThat(NativeDebitWrites.ENTRY_COLUMNS)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(columns(LedgerEntry.class));
    assertThat(NativeDebitWrites.ALLOCATION_COLUMNS)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(columns(Allocation.class));
    assertThat(NativeDebitWrites.RECORD_COLUMNS)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(columns(IdempotencyRecord.class));
  }

  @Test
  void writesEveryColumnOfTheWalletAndTheLotThatADebitMayChange() {
    Set<String> wallet = columns(Wallet.class);
    // Set when the wallet is registered, changed by other operations, never by a debit.
    wallet.removeAll(
        List.of(
            "id",
            "workspace_key",
            "organization_id",
            "display_name",
            "created_at",
            "overdraft_limit",
            "top_up_threshold"));
    assertThat(NativeDebitWrites.WALLET_COLUMNS)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(wallet);
    // A debit draws remaining credits; releasing an expired hold (then written through JPA)
    // changes reserved ones. Nothing else of a lot changes in a debit.
    assertThat(columns(Lot.class)).containsAll(NativeDebitWrites.LOT_COLUMNS);
  }

  /** The column names an entity maps, its join columns included. */
  private static Set<String> columns(Class<?> entity) {
    Set<String> names = new LinkedHashSet<>();
    for (Field f : entity.getDeclaredFields()) {
      Column c = f.getAnnotation(Column.class);
      if (c != null) {
        names.add(c.name());
      }
      JoinColumn j = f.getAnnotation(JoinColumn.class);
      if (j != null) {
        names.add(j.name());
      }
    }
    return names;
  }
}
