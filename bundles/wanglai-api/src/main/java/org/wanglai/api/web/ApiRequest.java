package org.wanglai.api.web;

import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** One authenticated API call, as an {@link ApiEndpoint} sees it. */
@ProviderType
public interface ApiRequest {

    /** HTTP method in upper case: GET, POST, PUT, PATCH or DELETE. */
    String method();

    /**
     * What follows the endpoint's path, without the leading slash: {@code C0001} for {@code credit/customers/C0001}
     * on the endpoint {@code credit/customers}; empty when the request named the endpoint's path itself.
     */
    String pathRemainder();

    /** The first value of a query (or form) parameter, or null. */
    String param(String name);

    /** Every query parameter with its first value. */
    Map<String, String> params();

    /**
     * The JSON request body as {@code type} (records and {@code java.time} types supported). Unknown properties and
     * malformed JSON are rejected with a 400 that says where.
     *
     * @throws ApiException 400 when the body is missing, malformed or does not fit {@code type}
     */
    <T> T body(Class<T> type);

    /**
     * The content of the uploaded file in the multipart part {@code partName}; the platform limits its size.
     *
     * @throws ApiException 400 when the request is not multipart or has no such part, 413 when it is too large
     */
    InputStream upload(String partName);

    /** The file name the browser sent with the part {@code partName}, if any (without a directory). */
    Optional<String> uploadFileName(String partName);

    /** The authenticated user. */
    WebUser user();

    /** The user's chosen language: {@code zh-CN} or {@code en}. */
    Locale locale();
}
