package org.wanglai.it.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.wanglai.api.LocalizedText;
import org.wanglai.api.ValidationError;
import org.wanglai.api.ValidationException;
import org.wanglai.api.host.HostDatabase;
import org.wanglai.api.imports.ImportColumn;
import org.wanglai.api.imports.ImportReader;
import org.wanglai.api.imports.ImportSpec;
import org.wanglai.api.imports.ParsedImport;
import org.wanglai.api.report.ColumnType;
import org.wanglai.it.support.TestDatabase;

/** Imports checked against the customers of the tiny demo data set, on H2 and on PostgreSQL. */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class ImportTest {

    @InjectBundleContext
    BundleContext ctx;

    @InjectService
    ConfigurationAdmin cm;

    HostDatabase db;
    ImportReader reader;
    List<String> codes;

    static final ImportSpec SPEC = new ImportSpec("it.limits", LocalizedText.of("信用额度导入", "Credit limit import"),
            List.of(ImportColumn.customer("customer", "客户编码", "Customer code", true),
                    ImportColumn.number("limit", "信用额度", "Credit limit", ColumnType.MONEY, true, BigDecimal.ZERO,
                            null),
                    ImportColumn.date("from", "生效日期", "Valid from", false)),
            0);

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.configure(ctx, cm);
        reader = TestDatabase.await(ctx, ImportReader.class, 30_000);
        codes = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT code FROM " + db.relations().get("wl.customer")
                        + " ORDER BY code")) {
            while (rs.next() && codes.size() < 3) {
                codes.add(rs.getString(1));
            }
        }
        assertThat(codes).as("tiny demo customers").hasSize(3);
    }

    private ParsedImport csv(String text) throws Exception {
        return reader.parse(SPEC, "limits.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void existingCustomerCodesParse() throws Exception {
        ParsedImport parsed = csv("客户编码,信用额度,生效日期\n" + codes.get(0) + ",1000,2025-01-01\n" + codes.get(1)
                + ",\"2,500.50\",2025/2/1\n");
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rows()).hasSize(2);
        assertThat(parsed.rows().get(1).get("limit", BigDecimal.class)).isEqualByComparingTo("2500.50");
        assertThat(parsed.rows().get(1).get("from", LocalDate.class)).isEqualTo(LocalDate.of(2025, 2, 1));
    }

    @Test
    void unknownCustomerIsRejectedNamingTheRow() throws Exception {
        ParsedImport parsed = csv("Customer code,Credit limit\n" + codes.get(0) + ",1\nNO-SUCH-CUSTOMER,2\n"
                + codes.get(2) + ",3\n");
        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.errors()).containsExactly(
                new ValidationError(3, "Customer code", "unknown customer code 'NO-SUCH-CUSTOMER'"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reader.writeErrorWorkbook(parsed, Locale.SIMPLIFIED_CHINESE, out);
        java.nio.file.Path file = Xlsx.write(out.toByteArray());
        assertThat(Xlsx.part(file, "xl/worksheets/sheet1.xml")).contains("错误").contains("NO-SUCH-CUSTOMER")
                .contains("客户编码“NO-SUCH-CUSTOMER”不存在");
        assertThat(Xlsx.part(file, "xl/comments1.xml")).contains("客户编码“NO-SUCH-CUSTOMER”不存在");
        assertThat(Xlsx.part(file, "xl/workbook.xml")).contains("name=\"汇总\"");
    }

    @Test
    void xlsxUploadIsStreamedInsideTheFramework() throws Exception {
        // 45658 is 2025-01-01 as an Excel date serial
        byte[] xlsx = Xlsx.workbook(List.of(
                List.of("客户编码", "信用额度", "生效日期"),
                List.of(codes.get(0), 1500.25, 45658),
                List.of(codes.get(1), new BigDecimal("10"), "2025-03-31")));
        ParsedImport parsed = reader.parse(SPEC, "limits.xlsx", new ByteArrayInputStream(xlsx));
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rows()).hasSize(2);
        assertThat(parsed.rows().get(0).get("limit", BigDecimal.class)).isEqualByComparingTo("1500.25");
        assertThat(parsed.rows().get(0).get("from", LocalDate.class)).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(parsed.rows().get(1).get("from", LocalDate.class)).isEqualTo(LocalDate.of(2025, 3, 31));

        assertThatThrownBy(() -> reader.parse(SPEC, "limits.xlsx", new ByteArrayInputStream(new byte[] { 1, 2, 3 })))
                .isInstanceOf(ValidationException.class).hasMessageContaining("not a valid .xlsx workbook");

        ByteArrayOutputStream template = new ByteArrayOutputStream();
        reader.writeTemplate(SPEC, Locale.ENGLISH, template);
        assertThat(Xlsx.part(Xlsx.write(template.toByteArray()), "xl/sharedStrings.xml")).contains("Customer code");
    }
}
