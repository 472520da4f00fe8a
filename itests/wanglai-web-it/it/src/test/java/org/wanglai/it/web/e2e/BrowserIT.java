package org.wanglai.it.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The web platform in a real browser. Felix runs inside this JVM (see {@link E2eFramework}) with the web platform,
 * the Excel export, the host on an H2 file database under {@code target/} with the tiny demo data, the sample
 * capability of this module and the real cost-analysis capability. Debian's Chromium, headless, through its
 * chromedriver. A missing browser fails the test: it never skips.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIT {

    static final Path CHROMIUM = Path.of(System.getProperty("wanglai.e2e.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("wanglai.e2e.chromedriver", "/usr/bin/chromedriver"));
    static final String REVENUE = "web.sample.revenue-by-region";
    static final String INVOICES = "web.sample.invoices";
    static final Map<String, String> PASSWORDS = Map.of("admin", "e2e-admin-pw", "anna", "e2e-anna-pw", "victor", "e2e-victor-pw");
    /** "Rows 1–50 of 412" / "第 1–50 行，共 412 行". */
    static final Pattern RANGE = Pattern.compile("(\\d+)–(\\d+)\\D+(\\d+)");
    static final ObjectMapper JSON = new ObjectMapper();

    static E2eFramework felix;
    static String origin;
    static String base;
    static Path work;
    static Path downloads;
    static WebDriver driver;
    static WebDriverWait wait;
    /** Every URL the browser requested, from Chromium's network log. */
    static final List<String> requested = new ArrayList<>();

    @BeforeAll
    static void startFrameworkAndBrowser() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the browser test needs %s and %s (apt-get install chromium chromium-driver)", CHROMIUM, CHROMEDRIVER)
                .isTrue();
        work = Path.of(System.getProperty("wanglai.e2e.work", "target/e2e")).toAbsolutePath();
        int port = Integer.parseInt(System.getProperty("wanglai.e2e.http.port"));
        origin = "http://127.0.0.1:" + port;
        base = origin + "/wanglai";
        StringBuilder users = new StringBuilder("users = ");
        users.append("admin:admin:").append(hash(PASSWORDS.get("admin")))
                .append(" anna:accountant:").append(hash(PASSWORDS.get("anna")))
                .append(" victor:viewer:").append(hash(PASSWORDS.get("victor"))).append('\n');
        // the browser starts while the framework does
        ExecutorService starter = Executors.newSingleThreadExecutor();
        Future<WebDriver> browser = starter.submit(BrowserIT::startBrowser);
        try {
            Path framework = work.resolve("framework");
            felix = E2eFramework.start(Path.of(System.getProperty("wanglai.e2e.bundles")), framework, port, Map.of(
                    "org.wanglai.host.database", String.join("\n",
                            "jdbcUrl = jdbc:h2:file:" + framework.resolve("db/host").toString().replace('\\', '/'),
                            "user = sa",
                            "password = ",
                            "poolSize = 4",
                            "demoDataOnEmpty = true",
                            "demoDataScale = tiny", ""),
                    "org.wanglai.web.users", users.toString()));
            waitForReports();
            assertThat(framework.resolve("db/host.mv.db")).as("the configured database; " + felix.services("org.wanglai.api.host.HostDatabase"))
                    .exists();
        } finally {
            driver = browser.get(60, TimeUnit.SECONDS);
            starter.shutdown();
        }
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    static WebDriver startBrowser() throws Exception {
        Path browser = work.resolve("browser");
        E2eFramework.deleteTree(browser);
        downloads = Files.createDirectories(browser.resolve("downloads"));
        Path profile = Files.createDirectories(browser.resolve("profile"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=zh-CN", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false,
                "intl.accept_languages", "zh-CN,zh"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowserAndFramework() throws Exception {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (felix != null) {
                felix.close();
            }
        }
    }

    /** Until the API logs in and serves the sample report and the costing page (demo data generated, components active). */
    static void waitForReports() throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        boolean loggedIn = false;
        while (System.nanoTime() < end) {
            try {
                if (!loggedIn) {
                    // one login for the whole wait: every attempt costs a slow password hash on the server
                    HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"admin\",\"password\":\"" + PASSWORDS.get("admin") + "\"}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    loggedIn = login.statusCode() == 200;
                    last = login.statusCode() + " " + login.body();
                }
                if (loggedIn) {
                    HttpResponse<String> a = http.send(HttpRequest.newBuilder(URI.create(base + "/api/reports/" + REVENUE + "/data")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    HttpResponse<String> b = http.send(HttpRequest.newBuilder(URI.create(base + "/api/pages")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    last = a.statusCode() + " " + a.body() + " / " + b.statusCode() + " " + b.body();
                    if (a.statusCode() == 200 && b.statusCode() == 200 && b.body().contains("\"costing\"")) {
                        return;
                    }
                    loggedIn = a.statusCode() != 401;
                }
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the web platform did not come up with the sample report and the costing page: " + last
                + "\n" + felix.services("org.wanglai.api.host.HostDatabase"));
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void theLoginPageRefusesAWrongPasswordAndLetsTheAccountantIn() {
        driver.get(base + "/login");
        driver.manage().deleteAllCookies();
        driver.get(base + "/");
        wait.until(ExpectedConditions.urlContains("/wanglai/login"));
        assertThat(api("GET", "session", null).status).as("no session before logging in").isEqualTo(401);

        // the login page itself switches language
        WebElement submit = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("submit")));
        wait.until(d -> !submit.getText().isBlank() && !submit.getText().equals("login.submit"));
        String before = submit.getText();
        driver.findElement(By.id("switch-lang")).click();
        wait.until(d -> !submit.getText().equals(before));
        assertThat(List.of(before, submit.getText())).containsExactlyInAnyOrder("登录", "Log in");
        driver.findElement(By.id("switch-lang")).click();
        wait.until(ExpectedConditions.textToBe(By.id("submit"), before));

        driver.findElement(By.id("user")).sendKeys("anna");
        driver.findElement(By.id("password")).sendKeys("not-her-password");
        submit.click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).isNotBlank();
        assertThat(driver.getCurrentUrl()).contains("/wanglai/login");
        assertThat(driver.findElements(By.id("nav-reports"))).isEmpty();
        assertThat(api("GET", "session", null).status).as("a wrong password opens no session").isEqualTo(401);

        driver.findElement(By.id("password")).clear();
        driver.findElement(By.id("password")).sendKeys(PASSWORDS.get("anna"));
        submit.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nav-reports")));
        wait.until(ExpectedConditions.textToBe(By.id("user-button"), "anna"));
        assertThat(driver.findElement(By.id("user-roles")).getAttribute("textContent")).contains("accountant");
        JsonNode session = api("GET", "session", null).json();
        assertThat(session.get("user").asText()).isEqualTo("anna");
    }

    @Test
    @Order(2)
    void theShellNavigationListsTheCapabilityPages() {
        logIn("anna");
        useLanguage("en");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nav-page-costing")));
        assertThat(driver.findElement(By.id("nav-reports")).getText()).isEqualTo("Reports");
        assertThat(driver.findElement(By.id("nav-page-web-sample")).getText()).isEqualTo("Sample page");
        assertThat(driver.findElement(By.id("nav-page-costing")).getText()).isEqualTo("Customer cost analysis");

        // the report list holds the reports of both capabilities
        driver.findElement(By.id("nav-reports")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("report-" + INVOICES)));
        assertThat(driver.findElement(By.id("report-" + REVENUE)).getText()).isEqualTo("Revenue by region");
        assertThat(driver.findElements(By.cssSelector(".report-list a[id^='report-costing']"))).isNotEmpty();

        // a capability page renders inside the shell
        driver.findElement(By.id("nav-page-web-sample")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sample-page")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#report-table tbody tr")));
        assertThat(driver.findElement(By.id("nav-page-web-sample")).getAttribute("class")).contains("active");

        driver.findElement(By.id("nav-page-costing")).click();
        // an accountant also imports cost entries
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".wl-tabs button"), 5));
        assertThat(driver.findElements(By.cssSelector(".wl-tabs button")).stream().map(WebElement::getText).toList())
                .containsExactly("Pivot", "Whale curve", "Allocation runs", "Allocation rules", "Cost entries");
        assertThat(driver.findElements(By.cssSelector("#view .error"))).isEmpty();
    }

    @Test
    @Order(3)
    void aReportPagePagesSortsByAClickedHeaderAndFilters() throws Exception {
        logIn("anna");
        useLanguage("en");
        driver.get(base + "/#/reports/" + INVOICES);
        int[] first = waitForRange(r -> r[0] == 1);
        int total = first[2];
        assertThat(total).as("the tiny data has more invoices than one page").isGreaterThan(50);
        assertThat(first[1]).isEqualTo(50);
        List<List<String>> page1 = tableRows();
        assertThat(page1).hasSize(50);
        assertThat(driver.findElement(By.id("page-prev")).isEnabled()).isFalse();
        int invoice = column("invoice");
        int amount = column("amount");
        int customer = column("customer");
        assertThat(page1.get(0).get(invoice)).isEqualTo(apiRows(INVOICES, "offset=0&limit=1").get(0).get(0).asText());

        // paging
        driver.findElement(By.id("page-next")).click();
        int[] second = waitForRange(r -> r[0] == 51);
        assertThat(second).containsExactly(51, Math.min(100, total), total);
        List<List<String>> page2 = tableRows();
        assertThat(page2.get(0).get(invoice)).isEqualTo(apiRows(INVOICES, "offset=50&limit=1").get(0).get(0).asText());
        assertThat(page2.get(0).get(invoice)).isNotEqualTo(page1.get(0).get(invoice));
        driver.findElement(By.id("page-prev")).click();
        waitForRange(r -> r[0] == 1);

        // sorting by clicking the amount header: descending first (a number), then ascending
        driver.findElement(By.cssSelector("#report-table thead th[data-column='amount']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#report-table th.sorted-desc[data-column='amount']")));
        List<List<String>> desc = tableRows();
        assertThat(desc.stream().map(r -> r.get(invoice)).toList())
                .isEqualTo(apiRows(INVOICES, "sort=amount&dir=desc&limit=50").stream().map(r -> r.get(0).asText()).toList());
        assertOrdered(desc, amount, true);
        driver.findElement(By.cssSelector("#report-table thead th[data-column='amount']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#report-table th.sorted-asc[data-column='amount']")));
        List<List<String>> asc = tableRows();
        assertOrdered(asc, amount, false);
        assertThat(asc.get(0).get(invoice)).isNotEqualTo(desc.get(0).get(invoice));

        // the filter: one customer's invoices
        String code = page1.get(0).get(customer);
        String rangeBefore = driver.findElement(By.id("report-info")).getText();
        driver.findElement(By.id("report-filter")).sendKeys(code);
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("report-info"), rangeBefore)));
        int[] filtered = range();
        int expected = api("GET", "reports/" + INVOICES + "/data?limit=1&filter=" + code, null).json().get("total").asInt();
        assertThat(filtered[2]).isEqualTo(expected).isGreaterThan(0).isLessThan(total);
        List<List<String>> rows = tableRows();
        assertThat(rows).hasSize(Math.min(50, expected));
        assertThat(rows).allSatisfy(r -> assertThat(String.join("|", r).toLowerCase()).contains(code.toLowerCase()));
    }

    @Test
    @Order(4)
    void theChartRendersFromTheWebJarWithoutExternalRequests() throws Exception {
        logIn("anna");
        useLanguage("en");
        driver.get(base + "/#/reports/" + REVENUE);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#report-table tbody tr")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#report-chart canvas")));
        List<List<String>> rows = tableRows();
        int region = column("region");
        // drawn: the canvas has painted pixels, and the chart holds one bar per table row, named by region
        Number painted = (Number) js().executeScript("""
                const c = document.querySelector('#report-chart canvas');
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++;
                return n;""");
        assertThat(painted.longValue()).as("painted pixels").isGreaterThan(1000);
        @SuppressWarnings("unchecked")
        List<String> categories = (List<String>) js().executeScript(
                "return echarts.getInstanceByDom(document.getElementById('report-chart')).getOption().xAxis[0].data;");
        assertThat(categories).isEqualTo(rows.stream().map(r -> r.get(region)).toList());
        assertThat((String) js().executeScript("return echarts.version;")).isNotBlank();
        Files.write(work.resolve("report-page.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));

        // ECharts came from the platform (the WebJar), and nothing was fetched from anywhere else
        @SuppressWarnings("unchecked")
        List<String> resources = (List<String>) js().executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name);");
        assertThat(resources).anyMatch(u -> u.startsWith(base + "/static/") && u.contains("echarts"));
        assertThat(resources).allMatch(u -> u.startsWith(origin + "/"));
        assertNoExternalRequests();
    }

    @Test
    @Order(5)
    void theLanguageSwitchChangesTheLabels() {
        logIn("anna");
        useLanguage("zh-CN");
        driver.get(base + "/#/reports/" + REVENUE);
        By header = By.cssSelector("#report-table thead th[data-column='code']");
        wait.until(ExpectedConditions.textToBe(header, "区域编码"));
        assertLabels("报表", "各区域收入", "下载 Excel", "退出登录");

        new Select(driver.findElement(By.id("lang"))).selectByValue("en");
        wait.until(ExpectedConditions.textToBe(header, "Region code"));
        assertLabels("Reports", "Revenue by region", "Download Excel", "Log out");
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");

        new Select(driver.findElement(By.id("lang"))).selectByValue("zh-CN");
        wait.until(ExpectedConditions.textToBe(header, "区域编码"));
        assertLabels("报表", "各区域收入", "下载 Excel", "退出登录");
        assertThat(api("GET", "session", null).json().get("locale").asText()).as("kept in the session").isEqualTo("zh-CN");
    }

    @Test
    @Order(6)
    void downloadExcelGivesAWorkbookWithTheReportsHeaderAndEveryRow() throws Exception {
        logIn("anna");
        useLanguage("en");
        driver.get(base + "/#/reports/" + INVOICES);
        int total = waitForRange(r -> r[0] == 1)[2];
        List<String> labels = driver.findElements(By.cssSelector("#report-table thead th")).stream().map(WebElement::getText).toList();
        String firstInvoice = tableRows().get(0).get(column("invoice"));
        String lastInvoice = apiRows(INVOICES, "offset=" + (total - 1) + "&limit=1").get(0).get(0).asText();
        try (Stream<Path> old = Files.list(downloads)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }

        WebElement download = driver.findElement(By.id("download-xlsx"));
        assertThat(download.getText()).isEqualTo("Download Excel");
        assertThat(download.isEnabled()).as("the Excel bundle runs in the e2e framework").isTrue();
        download.click();
        Path file = waitForDownload();
        assertThat(file.getFileName().toString()).endsWith(".xlsx");

        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            XSSFSheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getPaneInformation()).as("a frozen header row").isNotNull();
            int header = sheet.getPaneInformation().getHorizontalSplitTopRow() - 1;
            DataFormatter fmt = new DataFormatter();
            Row head = sheet.getRow(header);
            List<String> names = new ArrayList<>();
            for (Cell c : head) {
                names.add(fmt.formatCellValue(c));
            }
            assertThat(names.subList(0, 5)).isEqualTo(labels.subList(0, 5));
            assertThat(names.get(5)).startsWith(labels.get(5));

            CellRangeAddress filter = CellRangeAddress.valueOf(sheet.getCTWorksheet().getAutoFilter().getRef());
            assertThat(filter.getFirstRow()).isEqualTo(header);
            int dataRows = filter.getLastRow() - header;
            assertThat(dataRows).as("one row per invoice").isEqualTo(total);
            for (int i = header + 1; i <= header + dataRows; i++) {
                Row row = sheet.getRow(i);
                assertThat(fmt.formatCellValue(row.getCell(0))).as("row %d", i + 1).isNotBlank();
                assertThat(row.getCell(3).getCellType()).as("row %d date", i + 1).isEqualTo(CellType.NUMERIC);
                assertThat(DateUtil.isCellDateFormatted(row.getCell(3))).as("row %d date format", i + 1).isTrue();
                assertThat(row.getCell(5).getCellType()).as("row %d amount", i + 1).isEqualTo(CellType.NUMERIC);
            }
            assertThat(fmt.formatCellValue(sheet.getRow(header + 1).getCell(0))).isEqualTo(firstInvoice);
            assertThat(fmt.formatCellValue(sheet.getRow(header + dataRows).getCell(0))).isEqualTo(lastInvoice);
            Row totals = sheet.getRow(header + dataRows + 1);
            assertThat(totals).as("a totals row under the data").isNotNull();
            StringBuilder text = new StringBuilder();
            totals.forEach(c -> text.append(fmt.formatCellValue(c)).append('|'));
            assertThat(text.toString()).contains("Total");
        }
    }

    @Test
    @Order(7)
    void aViewerCannotRunAnAccountantsAllocationButTheAccountantCan() throws Exception {
        logIn("victor");
        useLanguage("en");
        driver.get(base + "/#/pages/costing");
        openRunsTab();
        assertThat(driver.findElements(By.xpath("//div[contains(@class,'wl-toolbar')]//button[normalize-space()='Allocate']")))
                .as("no Allocate button for a viewer").isEmpty();
        int runs = api("GET", "costing/runs", null).json().size();
        // the previous month: always inside the demo data, whatever today's date
        String month = java.time.YearMonth.now().minusMonths(1).toString();

        // the request the accountant's button sends, with the viewer's session and a valid CSRF token
        Api forbidden = api("POST", "costing/runs", "{\"month\":\"" + month + "\"}");
        assertThat(forbidden.status).as(forbidden.body).isEqualTo(403);
        assertThat(forbidden.json().get("error").get("code").asText()).isEqualTo("auth.forbidden");
        assertThat(api("GET", "costing/runs", null).json().size()).as("nothing was written").isEqualTo(runs);
        Api echo = api("POST", "sample/echo", "{\"text\":\"x\"}");
        assertThat(echo.status).as(echo.body).isEqualTo(403);

        logIn("anna");
        useLanguage("en");
        driver.get(base + "/#/pages/costing");
        openRunsTab();
        WebElement allocate = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//div[contains(@class,'wl-toolbar')]//button[normalize-space()='Allocate']")));
        WebElement monthInput = driver.findElement(By.cssSelector(".wl-toolbar input[type='month']"));
        js().executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));", monthInput, month);
        allocate.click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".wl-tab-body table tbody tr"), runs + 1));
        assertThat(driver.findElement(By.cssSelector(".wl-tab-body table tbody")).getText()).contains(month);
        assertThat(driver.findElements(By.cssSelector("#toasts .toast.error"))).isEmpty();
        assertThat(api("GET", "costing/runs", null).json().size()).isEqualTo(runs + 1);
    }

    @Test
    @Order(8)
    void logoutEndsTheSession() {
        logIn("anna");
        Cookie session = driver.manage().getCookieNamed("WLSESSION");
        assertThat(session).as("the session cookie").isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        driver.findElement(By.id("user-button")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
        wait.until(ExpectedConditions.urlContains("/wanglai/login"));
        assertThat(api("GET", "session", null).status).isEqualTo(401);

        driver.get(base + "/#/reports/" + REVENUE);
        wait.until(ExpectedConditions.urlContains("/wanglai/login"));
        // the old cookie is dead on the server, not only forgotten by the browser
        driver.manage().addCookie(session);
        Api replay = api("GET", "session", null);
        assertThat(replay.status).as(replay.body).isEqualTo(401);
        assertThat(api("GET", "reports/" + REVENUE + "/data", null).status).isEqualTo(401);
    }

    @Test
    @Order(9)
    void noRequestOfTheWholeRunLeftTheMachine() {
        assertNoExternalRequests();
        assertThat(requested).as("the network log was recorded").anyMatch(u -> u.contains("/wanglai/api/"));
    }

    // ---------------------------------------------------------------------------------------------------------

    static JavascriptExecutor js() {
        return (JavascriptExecutor) driver;
    }

    /** A session of the user in the shell: the one the browser holds if it is still valid, else a new login. */
    static void logIn(String user) {
        String url = driver.getCurrentUrl();
        List<WebElement> button = driver.findElements(By.id("user-button"));
        if (url.startsWith(base + "/") && !url.contains("/login") && !button.isEmpty() && user.equals(button.get(0).getText())
                && api("GET", "session", null).status == 200) {
            return;
        }
        driver.get(base + "/login");
        driver.manage().deleteAllCookies();
        driver.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user"))).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(PASSWORDS.get(user));
        driver.findElement(By.id("submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("user-button"), user));
    }

    static void useLanguage(String lang) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nav-reports")));
        Select select = new Select(driver.findElement(By.id("lang")));
        if (!select.getFirstSelectedOption().getAttribute("value").equals(lang)) {
            select.selectByValue(lang);
        }
        wait.until(ExpectedConditions.textToBe(By.id("nav-reports"), lang.equals("en") ? "Reports" : "报表"));
    }

    static void openRunsTab() {
        // four tabs for a viewer, five for an accountant (cost entries)
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".wl-tabs button"), 3));
        driver.findElements(By.cssSelector(".wl-tabs button")).get(2).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".wl-tab-body table")));
    }

    static void assertLabels(String nav, String title, String download, String logout) {
        assertThat(driver.findElement(By.id("nav-reports")).getText()).isEqualTo(nav);
        assertThat(driver.findElement(By.cssSelector("#view h1")).getText()).isEqualTo(title);
        assertThat(driver.findElement(By.id("download-xlsx")).getText()).isEqualTo(download);
        assertThat(driver.findElement(By.id("logout")).getAttribute("textContent")).isEqualTo(logout);
    }

    /** The range line of the report page once it satisfies the condition: {from, to, total}. */
    static int[] waitForRange(java.util.function.Predicate<int[]> condition) {
        wait.until(d -> {
            int[] r = range();
            return r != null && condition.test(r);
        });
        return range();
    }

    static int[] range() {
        List<WebElement> info = driver.findElements(By.id("report-info"));
        if (info.isEmpty()) {
            return null;
        }
        Matcher m = RANGE.matcher(info.get(0).getText());
        return m.find() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))} : null;
    }

    @SuppressWarnings("unchecked")
    static List<List<String>> tableRows() {
        return (List<List<String>>) js().executeScript(
                "return [...document.querySelectorAll('#report-table tbody tr')].map(tr => [...tr.cells].map(td => td.textContent));");
    }

    static int column(String id) {
        List<WebElement> th = driver.findElements(By.cssSelector("#report-table thead th"));
        for (int i = 0; i < th.size(); i++) {
            if (id.equals(th.get(i).getAttribute("data-column"))) {
                return i;
            }
        }
        throw new AssertionError("no column " + id);
    }

    /** Money cells of one currency follow the order ("1,234.56 CNY"). */
    static void assertOrdered(List<List<String>> rows, int column, boolean descending) {
        Map<String, BigDecimal> last = new java.util.HashMap<>();
        for (List<String> r : rows) {
            String[] parts = r.get(column).trim().split("\\s+");
            BigDecimal v = new BigDecimal(parts[0].replace(",", ""));
            BigDecimal prev = last.put(parts[1], v);
            if (prev != null) {
                assertThat(descending ? prev.compareTo(v) >= 0 : prev.compareTo(v) <= 0)
                        .as("%s after %s (%s)", v, prev, descending ? "descending" : "ascending").isTrue();
            }
        }
    }

    record Api(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    /** A call from the current page, as its scripts make it: the session cookie and the session's CSRF token. */
    static Api api(String method, String path, String jsonBody) {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) js().executeAsyncScript("""
                const [method, path, body, done] = arguments;
                (async () => {
                  const headers = { Accept: 'application/json' };
                  if (method !== 'GET') {
                    const s = await fetch('/wanglai/api/session', { headers, credentials: 'same-origin' });
                    if (s.ok) headers['X-CSRF-Token'] = (await s.json()).csrfToken;
                    headers['Content-Type'] = 'application/json';
                  }
                  const res = await fetch('/wanglai/api/' + path, { method, headers, credentials: 'same-origin', body: body ?? undefined });
                  done({ status: res.status, body: await res.text() });
                })().catch((e) => done({ status: -1, body: String(e) }));""", method, path, jsonBody);
        return new Api(((Number) r.get("status")).intValue(), (String) r.get("body"));
    }

    static List<JsonNode> apiRows(String report, String query) {
        Api r = api("GET", "reports/" + report + "/data?" + query, null);
        assertThat(r.status).as(r.body).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        r.json().get("rows").forEach(rows::add);
        return rows;
    }

    static Path waitForDownload() throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            try (Stream<Path> files = Files.list(downloads)) {
                List<Path> done = files.filter(p -> p.toString().endsWith(".xlsx")).toList();
                if (!done.isEmpty() && Files.size(done.get(0)) > 0) {
                    return done.get(0);
                }
            }
            Thread.sleep(100);
        }
        try (Stream<Path> files = Files.list(downloads)) {
            throw new AssertionError("no .xlsx downloaded; the folder holds " + files.toList());
        }
    }

    /** Reads Chromium's network log so far; every request must have gone to the test's own server. */
    static void assertNoExternalRequests() {
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                JsonNode m = JSON.readTree(e.getMessage()).get("message");
                if ("Network.requestWillBeSent".equals(m.get("method").asText())) {
                    requested.add(m.get("params").get("request").get("url").asText());
                }
            } catch (java.io.IOException x) {
                throw new AssertionError(e.getMessage(), x);
            }
        }
        // chrome:, data: and blob: URLs never touch the network (the first tab starts on chrome://new-tab-page)
        List<String> network = requested.stream().filter(u -> u.matches("(?i)(https?|wss?|ftp):.*")).toList();
        assertThat(network).isNotEmpty();
        assertThat(network).allMatch(u -> u.startsWith(origin + "/"), "every request goes to " + origin);
    }

    static String hash(String password) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] h = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 210_000, 256)).getEncoded();
        return "pbkdf2$210000$" + Base64.getEncoder().encodeToString(salt) + "$" + Base64.getEncoder().encodeToString(h);
    }
}
