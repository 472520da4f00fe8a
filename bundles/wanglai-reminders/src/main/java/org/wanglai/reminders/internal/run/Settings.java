package org.wanglai.reminders.internal.run;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the reminders capability (PID {@code org.wanglai.reminders}). */
@ObjectClassDefinition(name = "Wanglai reminders", description = "Payment reminders: schedule, delivery, letters")
public @interface Settings {
    String PID = "org.wanglai.reminders";

    @AttributeDefinition(description = "Daily run time HH:mm (server time zone); empty disables the daily run")
    String dailyTime() default "06:30";

    @AttributeDefinition(description = "Daily run approves and sends its proposal without review (otherwise it "
            + "only proposes and an accountant approves)")
    boolean dailyAutoSend() default false;

    @AttributeDefinition(description = "Code of the policy for customers without an assignment; empty = none")
    String defaultPolicy() default "STANDARD";

    @AttributeDefinition(description = "Ageing bucket upper bounds in days after 'not due', ascending")
    String ageingBuckets() default "30,60,90,120";

    @AttributeDefinition(description = "Delivery attempts before a failed delivery stops being retried")
    int maxAttempts() default 5;

    @AttributeDefinition(description = "Minutes before a failed delivery is retried (times the attempts so far)")
    int retryMinutes() default 15;

    @AttributeDefinition(description = "Extra digest recipients (user:login or mail:address), e.g. the AR accountant")
    String[] digestRecipients() default {};

    @AttributeDefinition(description = "Recipient of letters for customers with neither a contact nor a salesperson")
    String fallbackRecipient() default "user:admin";

    @AttributeDefinition(description = "Company name on letters, Chinese")
    String companyNameZh() default "往来贸易有限公司";

    @AttributeDefinition(description = "Company name on letters, English")
    String companyNameEn() default "Wanglai Trading Co., Ltd.";

    @AttributeDefinition(description = "Name of this container in cluster locks; empty = host name and a random id")
    String instanceName() default "";
}
