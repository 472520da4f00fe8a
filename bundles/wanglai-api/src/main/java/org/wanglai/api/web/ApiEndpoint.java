package org.wanglai.api.web;

import java.util.regex.Pattern;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A JSON API endpoint, registered as an OSGi service (whiteboard) by the capability that owns it. It answers under
 * {@code /wanglai/api/<path>} and every sub-path of it (the longest registered path wins); the web bundle has
 * authenticated the caller, checked {@link #role(String)} and, for state-changing methods, the CSRF token before
 * {@link #handle(ApiRequest)} runs.
 */
@ConsumerType
public interface ApiEndpoint {

    /** What {@link #path()} must look like: lower-case segments of letters, digits and dashes. */
    Pattern PATH = Pattern.compile("[a-z0-9-]+(/[a-z0-9-]+)*");

    /** Path relative to {@code /wanglai/api/}, e.g. {@code credit/check}; must match {@link #PATH}. */
    String path();

    /**
     * The least role that may call this endpoint with {@code httpMethod} ({@code GET}, {@code POST}, {@code PUT},
     * {@code PATCH} or {@code DELETE}): {@link WebUser#VIEWER}, {@link WebUser#ACCOUNTANT}, {@link WebUser#ADMIN} or
     * an extra role such as {@code credit-approver}; {@code null} when the method is not allowed (405).
     */
    String role(String httpMethod);

    /**
     * Answers one request.
     *
     * @return a JSON-serialisable value (records, maps, lists, strings, numbers, {@code LocalDate},
     *         {@link org.wanglai.api.Money}), an {@link ApiDownload} for a file, or {@code null} for 204 No Content
     * @throws ApiException for a clear error with its HTTP status
     * @throws org.wanglai.api.ValidationException for bad input (400 with every row/field problem)
     * @throws org.wanglai.api.NotFoundException for an unknown thing (404)
     */
    Object handle(ApiRequest request) throws Exception;
}
